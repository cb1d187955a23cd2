package cn.shuoshi.directory;

import cn.shuoshi.model.ModelFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Looks up units and the groups that work on them. Registered as {@code org} so the BPMN names its
 * candidate groups as {@code ${org.villageCommittee(villageCode)}} instead of strings in the model.
 * Models reach only the {@link ModelFunction} methods (security.models.ModelAllowList).
 */
@Component("org")
public class Org {

  private final JdbcTemplate jdbc;

  public Org(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Unit(String code, String name, Level level, String parentCode) {}

  public Optional<Unit> unit(String code) {
    return row(code).map(r -> new Unit(r.code(), r.name(), r.level(), r.parent()));
  }

  /** One row of {@code org_unit}, as the cache holds it. */
  private record Row(String code, String name, Level level, String parent, boolean retired, String mergedInto,
      long readAt) { }

  /**
   * Every step of an item asks the directory several times which unit a code is (its level, its
   * town, whether it was merged): about seventy reads per item. Units change only through an
   * organisation import, so rows are kept for {@value #CACHE_SECONDS} seconds; the importing node
   * forgets them when the import's transaction ends, other nodes of a cluster within those seconds.
   * A code not found is not kept.
   */
  private static final long CACHE_SECONDS = 30;
  private final Map<String, Row> rows = new ConcurrentHashMap<>();
  private final ThreadLocal<Boolean> importing = ThreadLocal.withInitial(() -> false);

  private Optional<Row> row(String code) {
    if (code == null) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    Row cached = importing.get() ? null : rows.get(code);
    if (cached != null && now - cached.readAt() < TimeUnit.SECONDS.toNanos(CACHE_SECONDS)) {
      return Optional.of(cached);
    }
    Optional<Row> read = jdbc.query(
        "select code, name, level, parent_code, retired_at, merged_into from org_unit where code = ?",
        (rs, i) -> new Row(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)), rs.getString(4),
            rs.getTimestamp(5) != null, rs.getString(6), now), code).stream().findFirst();
    if (!importing.get()) {
      read.ifPresentOrElse(r -> rows.put(code, r), () -> rows.remove(code));
    }
    return read;
  }

  /**
   * An organisation import is changing the units in the running transaction: this thread reads them
   * from the database until it ends, and every node's copy here is dropped when it ends (committed or not).
   */
  public void unitsChangeInThisTransaction() {
    rows.clear();
    importing.set(true);
    Runnable done = () -> {
      importing.remove();
      rows.clear();
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          done.run();
        }
      });
    } else {
      done.run();
    }
  }

  /**
   * A unit with its retirement: {@code retired} units stay for the ledger; {@code mergedInto} names
   * the unit that absorbed it.
   */
  public record UnitState(String code, Level level, String parent, boolean retired, String mergedInto) {}

  public Optional<UnitState> state(String code) {
    return row(code).map(r -> new UnitState(r.code(), r.level(), r.parent(), r.retired(), r.mergedInto()));
  }

  /** Whether the unit was retired (merged into another or dissolved). Unknown units are not. */
  public boolean isRetired(String code) {
    return state(code).map(UnitState::retired).orElse(false);
  }

  /**
   * The unit that now does the work of {@code code}: the unit itself while active, else the unit it
   * was merged into (followed as far as it goes). A unit retired without successor answers itself.
   */
  public String current(String code) {
    return current(code, this::state);
  }

  static String current(String code, Function<String, Optional<UnitState>> lookup) {
    Optional<UnitState> unit = lookup.apply(code);
    for (int hops = 0; unit.isPresent() && unit.get().retired() && unit.get().mergedInto() != null && hops < 32; hops++) {
      unit = lookup.apply(unit.get().mergedInto());
    }
    return unit.map(UnitState::code).orElse(code);
  }

  /**
   * The group that now works {@code role} for {@code unitCode}: the unit's own while active, its
   * successor's if merged, and for a unit retired without successor the desk above it: the town's
   * 民情处理站 for a village, the county's 民情处理中心 for a town or department.
   */
  public static String deskGroup(Role role, String unitCode, Function<String, Optional<UnitState>> lookup) {
    String code = current(unitCode, lookup);
    Optional<UnitState> unit = lookup.apply(code);
    if (unit.isEmpty() || !unit.get().retired() || unit.get().parent() == null) {
      return role.groupOf(code);
    }
    return switch (unit.get().level()) {
      case VILLAGE -> deskGroup(Role.STATION, unit.get().parent(), lookup);
      case TOWN, DEPARTMENT -> deskGroup(Role.CENTRE, unit.get().parent(), lookup);
      case COUNTY -> role.groupOf(code);
    };
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
    return deskGroup(r, switch (r.level()) {
      case VILLAGE -> villageCode;
      case TOWN -> townOf(current(villageCode));
      case COUNTY -> countyOf(current(villageCode));
      case DEPARTMENT -> throw new IllegalArgumentException("a department role needs a department: " + role);
    }, this::state);
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
    return group(villageCode, Role.COMMITTEE.name());
  }

  @ModelFunction
  public String villageSecretary(String villageCode) {
    return group(villageCode, Role.SECRETARY.name());
  }

  @ModelFunction
  public String townSupervisors(String villageCode) {
    return group(villageCode, Role.SUPERVISOR.name());
  }

  /** The town group of {@code role} (a {@link Role} name) for the village's town. */
  @ModelFunction
  public String townGroup(String villageCode, String role) {
    return deskGroup(Role.valueOf(role), townOf(current(villageCode)), this::state);
  }

  @ModelFunction
  public String townPartyCommittee(String villageCode) {
    return group(villageCode, Role.PARTY_COMMITTEE.name());
  }

  public String countyOf(String villageCode) {
    return unit(townOf(villageCode)).map(Unit::parentCode).orElseThrow(() -> unknownVillage(villageCode));
  }

  @ModelFunction
  public String countyCentre(String villageCode) {
    return group(villageCode, Role.CENTRE.name());
  }

  @ModelFunction
  public String departmentGroup(String departmentCode) {
    return deskGroup(Role.DEPARTMENT, departmentCode, this::state);
  }

  /** Who supervises an item handled at {@code level}: the town's supervisors up to the town, then the county centre. */
  @ModelFunction
  public String supervisorsOf(String level, String villageCode) {
    return "COUNTY".equals(level) ? countyCentre(villageCode) : townSupervisors(villageCode);
  }

  /** The county departments an item of this village can be transferred to (转办). */
  public List<Unit> departmentsFor(String villageCode) {
    return jdbc.query("select code, name, level, parent_code from org_unit where level = ? and parent_code = ? "
            + "and retired_at is null "
            + "order by code",
        (rs, i) -> new Unit(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)), rs.getString(4)),
        Level.DEPARTMENT.name(), countyOf(villageCode));
  }

  /**
   * Whether {@code userId} holds any role in the village or in its town (who may be made responsible);
   * for a merged village, in its successor or the successor's town.
   */
  public boolean worksFor(String userId, String villageCode) {
    // A merged village's items are followed by its successor's cadres (and those of its town).
    String current = current(villageCode);
    Integer count = jdbc.queryForObject(
        "select count(*) from cadre_role r where r.user_id = ? and (r.unit_code in (?, ?) "
            + "or r.unit_code in (select parent_code from org_unit where code in (?, ?)))",
        Integer.class, userId, villageCode, current, villageCode, current);
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
