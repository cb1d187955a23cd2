package cn.shuoshi.reports;

import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org.Post;
import cn.shuoshi.directory.Org.Unit;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.directory.SystemGroups;
import cn.shuoshi.ledger.LedgerEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who reads which ledger and what of it:
 *
 * <ul>
 *   <li>a unit's ledger: its own cadres, and the cadres of the town or county above it; administrators all;
 *   <li>a petition or a cadre-conduct complaint ({@link Desk}): only cadres of the item's town
 *       or county and administrators, never the village's;
 *   <li>a confidential item's reporter name and phone: the cadre who registered it, the responsible
 *       cadre and the one who handled it, the supervisors of its town ({@code <town>_supervisor}) and
 *       county ({@code <county>_centre}), administrators; everybody else sees them masked (张*, 139****5678).
 * </ul>
 */
@Component
public class LedgerAccess {

  private final Org org;
  private final IdentityService identity;

  public LedgerAccess(Org org, IdentityService identity) {
    this.org = org;
    this.identity = identity;
  }

  /** The logged-in caller as the ledger sees them. */
  public record Viewer(String userId, List<String> groups, List<Post> posts) {
    boolean isAdmin() {
      return groups.contains(SystemGroups.ADMINS);
    }
  }

  public Viewer current() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new IllegalStateException("no authenticated caller");
    }
    List<String> groups = authentication.getGroupIds() != null ? authentication.getGroupIds()
        : identity.createGroupQuery().groupMember(authentication.getUserId()).list().stream().map(g -> g.getId()).toList();
    return new Viewer(authentication.getUserId(), groups, org.postsOf(authentication.getUserId()));
  }

  /** Whether the viewer may read the ledger of {@code unit} (a village, town or county). */
  public boolean mayRead(Viewer viewer, Unit unit) {
    if (viewer.isAdmin()) {
      return true;
    }
    String town = unit.level() == Level.VILLAGE ? unit.parentCode() : unit.level() == Level.TOWN ? unit.code() : null;
    String county = unit.level() == Level.COUNTY ? unit.code() : parent(town);
    // A merged unit's items are followed by its successor: its cadres read the merged unit's ledger too.
    String successor = org.current(unit.code());
    return viewer.posts().stream().anyMatch(p -> p.unitCode().equals(unit.code()) || p.unitCode().equals(successor)
        || (p.level() == Level.TOWN && p.unitCode().equals(town))
        || (p.level() == Level.COUNTY && p.unitCode().equals(county)));
  }

  /** The rows the viewer may see, with a confidential reporter masked where they may not see it. */
  public List<LedgerRow> visible(Viewer viewer, List<LedgerRow> rows) {
    return rows.stream().filter(r -> seesItem(viewer, r)).map(r -> seesReporter(viewer, r) ? r : masked(r)).toList();
  }

  private boolean seesItem(Viewer viewer, LedgerRow row) {
    return !row.isSensitive() || viewer.isAdmin() || followsInArea(viewer, row.townCode());
  }

  /**
   * Whether the viewer may learn where an item stands ({@code /api/matters/{number}}): anybody for an
   * ordinary item; for a petition or a complaint about a cadre only the user who registered it (their
   * receipt), the intake accounts (residents ask the hotline), the cadres of its town and county and
   * administrators. Numbers count up per village, so the village could otherwise ask after every one.
   */
  public boolean seesStatus(Viewer viewer, LedgerEntry entry) {
    return !entry.isSensitive() || viewer.isAdmin() || viewer.userId().equals(entry.registeredBy())
        || viewer.groups().contains(SystemGroups.INTAKE) || followsInArea(viewer, entry.townCode());
  }

  /**
   * Whether the viewer may read an item's story (事项经过): who took part in it (registered, was
   * responsible, handled, verified or recorded any step), the cadres of its village and of the town and
   * county above it, and administrators. A petition or a cadre-conduct complaint is never read at the
   * village, even by the cadre who registered it (their receipt is its status, {@link #seesStatus}): only
   * by the town and county, and by those above the village who took part (a county department).
   */
  public boolean seesStory(Viewer viewer, LedgerEntry entry, boolean tookPart) {
    if (viewer.isAdmin()) {
      return true;
    }
    if (entry.isSensitive()) {
      // A part played counts only for a cadre with no village post (a county department's): a cadre
      // who is also a village's may have played it as the village's.
      return followsInArea(viewer, entry.townCode()) || (tookPart && !viewer.posts().isEmpty()
          && viewer.posts().stream().noneMatch(p -> p.level() == Level.VILLAGE));
    }
    return tookPart || org.unit(entry.villageCode()).map(village -> mayRead(viewer, village)).orElse(false);
  }

  private boolean followsInArea(Viewer viewer, String townCode) {
    String county = parent(townCode);
    return viewer.posts().stream().anyMatch(p -> (p.level() == Level.TOWN && p.unitCode().equals(townCode))
        || (p.level() == Level.COUNTY && p.unitCode().equals(county)));
  }

  boolean seesReporter(Viewer viewer, LedgerRow row) {
    if (!row.confidential() || viewer.isAdmin()) {
      return true;
    }
    String user = viewer.userId();
    return user.equals(row.registeredBy()) || user.equals(row.responsibleCadre()) || user.equals(row.handledBy())
        || viewer.groups().contains(Role.SUPERVISOR.groupOf(row.townCode()))
        || viewer.groups().contains(Role.CENTRE.groupOf(Objects.requireNonNullElse(parent(row.townCode()), "")));
  }

  private String parent(String code) {
    return Optional.ofNullable(code).flatMap(org::unit).map(Unit::parentCode).orElse(null);
  }

  static LedgerRow masked(LedgerRow r) {
    return new LedgerRow(r.matterNumber(), r.villageCode(), r.villageName(), r.townCode(), r.channel(),
        maskName(r.reporterName()), maskPhone(r.reporterPhone()), r.confidential(), r.title(), r.registeredAt(),
        r.state(), r.matterType(), r.handlingList(), r.subject(), r.responsibleCadre(), r.responsibleName(),
        r.deadline(), r.overdue(), r.overdueAt(), r.outcome(), r.promisedDate(), r.satisfaction(), r.classifyDueAt(),
        r.classifiedAt(), r.closedAt(), r.closedOutAt(), r.registeredBy(), r.handledBy(), r.deskRole(),
        r.satisfactionBy(), r.residentSatisfaction());
  }

  /** 张三丰 → 张**: the family name only. */
  public static String maskName(String name) {
    if (name == null || name.isBlank()) {
      return name;
    }
    int first = name.strip().codePointAt(0);
    return new String(Character.toChars(first)) + "*".repeat(Math.max(1, name.strip().codePointCount(0,
        name.strip().length()) - 1));
  }

  /** 13912345678 → 139****5678; a landline keeps its last four digits only. */
  public static String maskPhone(String phone) {
    if (phone == null || phone.isBlank()) {
      return phone;
    }
    String p = phone.strip();
    if (p.length() == 11 && p.chars().allMatch(Character::isDigit)) {
      return p.substring(0, 3) + "****" + p.substring(7);
    }
    return p.length() <= 4 ? "*".repeat(p.length()) : "*".repeat(p.length() - 4) + p.substring(p.length() - 4);
  }
}
