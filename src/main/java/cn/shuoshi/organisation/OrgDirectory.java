package cn.shuoshi.organisation;

import cn.shuoshi.model.ModelFunction;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Looks up units and the groups that work on them. Registered as {@code org} so the BPMN names its
 * candidate groups as {@code ${org.villageCommittee(villageCode)}} instead of strings in the model.
 * Models reach only the {@link ModelFunction} methods (security.models.ModelAllowList).
 */
@Component("org")
public class OrgDirectory {

  private final JdbcTemplate jdbc;

  public OrgDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Unit(String code, String name, Level level, String parentCode) {}

  public Optional<Unit> unit(String code) {
    if (code == null) {
      return Optional.empty();
    }
    List<Unit> units = jdbc.query(
        "select code, name, level, parent_code from org_unit where code = ?",
        (rs, i) -> new Unit(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)), rs.getString(4)),
        code);
    return units.stream().findFirst();
  }

  public Optional<Unit> village(String code) {
    return unit(code).filter(u -> u.level() == Level.VILLAGE);
  }

  public String villageName(String villageCode) {
    return village(villageCode).map(Unit::name).orElseThrow(() -> unknownVillage(villageCode));
  }

  public String townOf(String villageCode) {
    return village(villageCode).map(Unit::parentCode).orElseThrow(() -> unknownVillage(villageCode));
  }

  /**
   * The group of {@code role} (a {@link Role} name) that serves the village: the village's own group
   * for a village role, its town's for a town role, its county's for the county centre. Models name
   * candidate groups with it, e.g. {@code ${org.group(villageCode, deskRole)}}.
   */
  @ModelFunction
  public String group(String villageCode, String role) {
    Role r = Role.valueOf(role);
    return r.groupOf(switch (r.level()) {
      case VILLAGE -> villageCode;
      case TOWN -> townOf(villageCode);
      case COUNTY -> countyOf(villageCode);
      case DEPARTMENT -> throw new IllegalArgumentException("a department role needs a department: " + role);
    });
  }

  /** The groups of two roles for the village, once each (the same role twice gives one group). */
  @ModelFunction
  public List<String> groups(String villageCode, String role, String otherRole) {
    return java.util.stream.Stream.of(group(villageCode, role), group(villageCode, otherRole)).distinct().toList();
  }

  /** Whether {@code role} is a village role: the item is followed in the village itself. */
  @ModelFunction
  public boolean atVillage(String role) {
    return Role.valueOf(role).level() == Level.VILLAGE;
  }

  @ModelFunction
  public String villageCommittee(String villageCode) {
    return Role.COMMITTEE.groupOf(villageCode);
  }

  @ModelFunction
  public String villageSecretary(String villageCode) {
    return Role.SECRETARY.groupOf(villageCode);
  }

  @ModelFunction
  public String townSupervisors(String villageCode) {
    return Role.SUPERVISOR.groupOf(townOf(villageCode));
  }

  /** The town group of {@code role} (a {@link Role} name) for the village's town. */
  @ModelFunction
  public String townGroup(String villageCode, String role) {
    return Role.valueOf(role).groupOf(townOf(villageCode));
  }

  @ModelFunction
  public String townPartyCommittee(String villageCode) {
    return Role.PARTY_COMMITTEE.groupOf(townOf(villageCode));
  }

  public String countyOf(String villageCode) {
    return unit(townOf(villageCode)).map(Unit::parentCode).orElseThrow(() -> unknownVillage(villageCode));
  }

  @ModelFunction
  public String countyCentre(String villageCode) {
    return Role.CENTRE.groupOf(countyOf(villageCode));
  }

  @ModelFunction
  public String departmentGroup(String departmentCode) {
    return Role.DEPARTMENT.groupOf(departmentCode);
  }

  /** Who supervises an item handled at {@code level}: the town's supervisors up to the town, then the county centre. */
  @ModelFunction
  public String supervisorsOf(String level, String villageCode) {
    return "COUNTY".equals(level) ? countyCentre(villageCode) : townSupervisors(villageCode);
  }

  /** The county departments an item of this village can be transferred to (转办). */
  public List<Unit> departmentsFor(String villageCode) {
    return jdbc.query("select code, name, level, parent_code from org_unit where level = ? and parent_code = ? "
            + "order by code",
        (rs, i) -> new Unit(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)), rs.getString(4)),
        Level.DEPARTMENT.name(), countyOf(villageCode));
  }

  /** Whether {@code userId} holds any role in the village or in its town (who may be made responsible). */
  public boolean worksFor(String userId, String villageCode) {
    Integer count = jdbc.queryForObject(
        "select count(*) from cadre_role r where r.user_id = ? and (r.unit_code = ? "
            + "or r.unit_code = (select parent_code from org_unit where code = ?))",
        Integer.class, userId, villageCode, villageCode);
    return count != null && count > 0;
  }

  /** A role a cadre holds in a unit. */
  public record Post(String unitCode, Level level, Role role) {}

  /** Every role {@code userId} holds, in which unit. */
  public List<Post> postsOf(String userId) {
    if (userId == null) {
      return List.of();
    }
    return jdbc.query("select r.unit_code, u.level, r.role from cadre_role r join org_unit u on u.code = r.unit_code "
            + "where r.user_id = ?",
        (rs, i) -> new Post(rs.getString(1), Level.valueOf(rs.getString(2)), Role.valueOf(rs.getString(3))), userId);
  }

  /**
   * Whether {@code userId} may register items for the village: a role in the village or in its
   * town, or the county handling centre of its county (administrators and intake accounts are
   * checked by group, see {@code MatterSubmissionRules}).
   */
  public boolean mayRegisterFor(String userId, String villageCode) {
    Optional<Unit> village = village(villageCode);
    if (village.isEmpty()) {
      return false;
    }
    String town = village.get().parentCode();
    String county = unit(town).map(Unit::parentCode).orElse(null);
    return postsOf(userId).stream().anyMatch(p -> p.unitCode().equals(villageCode) || p.unitCode().equals(town)
        || (p.role() == Role.CENTRE && p.unitCode().equals(county)));
  }

  public Optional<String> cadreName(String userId) {
    return jdbc.query("select name from cadre where user_id = ?", (rs, i) -> rs.getString(1), userId)
        .stream().findFirst();
  }

  private static IllegalArgumentException unknownVillage(String code) {
    return new IllegalArgumentException("unknown village " + code);
  }
}
