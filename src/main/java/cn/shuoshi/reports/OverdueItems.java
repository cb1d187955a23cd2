package cn.shuoshi.reports;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.reports.LedgerAccess.Viewer;
import cn.shuoshi.reports.LedgerQueries.OverdueRow;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 已超期事项: every item of the viewer's area that is overdue now ({@link LedgerQueries#overdueOpen}),
 * supervised or not, most days overdue first — Cockpit's dashboard section for the supervisors. The area
 * is {@link LedgerAccess}'s: a village's items for its cadres and for the cadres of the town and county
 * above it, administrators all; a petition or a complaint about a cadre only for the town and county.
 * Never the resident's name or phone.
 *
 * <p>超期天数 (days overdue) are calendar days after the deadline's day in Beijing: an item due on
 * 29 November (the whole day) is 1 day overdue on 30 November, whatever the weekday or holiday.
 */
@Component
public class OverdueItems {

  /** How many items the list shows at most, the longest overdue first. */
  public static final int LIMIT = 500;

  public static final String DEFINITION =
      "超期天数：办理期限当日之后经过的日历天数（期限为11月29日的，11月30日为超期第1天；周末、节假日照算）。";
  static final String NOTHING_TO_READ = "您的账号不对应任何村（社区）、镇或县的台账，这里没有可以查看的事项。";
  static final String NOTHING_OVERDUE = "您所辖范围内目前没有超期未办结的事项。";

  /**
   * One overdue item as a supervisor reads it. {@code processInstanceId}: the item's own {@code matter}
   * instance, only when the viewer may open it in Cockpit (the engine's authorization), else null.
   */
  public record Item(String number, String title, String village, String unit, String level, String deadline,
      long daysOverdue, String overdueText, boolean supervised, String processInstanceId) {}

  /** The items and, when there are none, the sentence that says why. */
  public record Listing(List<Item> items, int total, String message) {}

  private final LedgerQueries queries;
  private final LedgerAccess access;
  private final Org org;
  private final EngineClock clock;
  private final RuntimeService runtime;

  public OverdueItems(LedgerQueries queries, LedgerAccess access, Org org, EngineClock clock, RuntimeService runtime) {
    this.queries = queries;
    this.access = access;
    this.org = org;
    this.clock = clock;
    this.runtime = runtime;
  }

  /** The overdue items the viewer may read. It writes nothing. */
  public Listing list(Viewer viewer) {
    // A county department's cadres read no village's ledger (LedgerAccess#mayRead), as an account without a post.
    if (!viewer.isAdmin() && viewer.posts().stream().allMatch(p -> p.level() == Level.DEPARTMENT)) {
      return new Listing(List.of(), 0, NOTHING_TO_READ);
    }
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    LocalDate today = clock.today();
    List<OverdueRow> inArea = queries.overdueOpen(now).stream()
        .filter(o -> org.unit(o.row().villageCode()).map(village -> access.mayRead(viewer, village)).orElse(false))
        .toList();
    // Sensitive items: only the town's and county's (LedgerAccess's rule for every ledger listing).
    Set<String> visible = access.visible(viewer, inArea.stream().map(OverdueRow::row).toList()).stream()
        .map(LedgerRow::matterNumber).collect(Collectors.toSet());
    List<OverdueRow> shown = inArea.stream().filter(o -> visible.contains(o.row().matterNumber())).toList();
    if (shown.isEmpty()) {
      return new Listing(List.of(), 0, NOTHING_OVERDUE);
    }
    Set<String> openable = openable(shown.stream().limit(LIMIT).map(OverdueRow::processInstanceId)
        .collect(Collectors.toSet()));
    List<Item> items = shown.stream().map(o -> item(o, today, openable))
        .sorted(Comparator.comparingLong(Item::daysOverdue).reversed().thenComparing(Item::number))
        .limit(LIMIT).toList();
    return new Listing(items, shown.size(), null);
  }

  /** Calendar days after the deadline's day (Beijing) until {@code today}; at least 1 once it has passed. */
  static long daysOverdue(OffsetDateTime deadline, LocalDate today) {
    LocalDate due = deadline.atZoneSameInstant(EngineClock.BEIJING).toLocalDate();
    return Math.max(1, ChronoUnit.DAYS.between(due, today));
  }

  private Item item(OverdueRow o, LocalDate today, Set<String> openable) {
    LedgerRow row = o.row();
    long days = daysOverdue(row.deadline(), today);
    return new Item(row.matterNumber(), row.title(), row.villageName(), unit(o), LedgerLabels.level(o.handlingLevel()),
        row.deadline().atZoneSameInstant(EngineClock.BEIJING).toLocalDate().toString(), days, "超期 " + days + " 天",
        o.supervised(), openable.contains(o.processInstanceId()) ? o.processInstanceId() : null);
  }

  /** The item instances the logged-in viewer may read in Cockpit: the engine's authorization decides. */
  private Set<String> openable(Set<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return Set.of();
    }
    return runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
  }

  /**
   * The unit handling the item in words: the ledger holds the post at the item's village, town or county
   * ({@code COMMITTEE}) or a unit's group ({@code LS_station}, a county department's group).
   */
  private String unit(OverdueRow o) {
    String unit = o.handlingUnit();
    if (unit == null || unit.isBlank()) {
      return "";
    }
    Optional<Role> post = Role.parse(unit);
    if (post.isPresent()) {
      Level level = post.get().level();
      String village = o.row().villageCode();
      String code = level == Level.VILLAGE ? village : level == Level.TOWN ? org.townOf(village)
          : level == Level.COUNTY ? org.countyOf(village) : null;
      return name(code) + post.get().title();
    }
    Optional<Role> role = Arrays.stream(Role.values()).filter(r -> unit.endsWith("_" + r.groupOf("").substring(1)))
        .findFirst();
    if (role.isPresent()) {
      String code = unit.substring(0, unit.length() - role.get().groupOf("").length());
      if (org.unit(code).isPresent()) {
        return name(code) + (role.get() == Role.DEPARTMENT ? "" : role.get().title());
      }
    }
    return org.unit(unit).map(Org.Unit::name).orElse(unit);
  }

  private String name(String code) {
    return code == null ? "" : org.unit(code).map(Org.Unit::name).orElse(code);
  }
}
