package cn.shuoshi.reports;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org.Unit;
import cn.shuoshi.ledger.MatterState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the ledger for reports: listings by unit and month (台账), the items of a notice board, the
 * items behind a unit's monthly rates. Months are calendar months in Beijing time.
 */
@Repository
public class LedgerQueries {

  private static final String SELECT = "select m.matter_number, m.village_code, v.name as village_name, m.town_code, "
      + "m.channel, m.reporter_name, m.reporter_phone, m.confidential, m.title, m.registered_at, m.state, "
      + "m.matter_type, m.handling_list, m.subject, m.responsible_cadre, c.name as responsible_name, m.deadline, "
      + "m.overdue, m.overdue_at, m.outcome, m.promised_date, m.satisfaction, m.classify_due_at, m.classified_at, "
      + "m.closed_at, m.closed_out_at, m.registered_by, m.handled_by, m.desk_role, m.satisfaction_by, "
      + "m.resident_satisfaction "
      + "from matter m join org_unit v on v.code = m.village_code left join cadre c on c.user_id = m.responsible_cadre ";

  private final JdbcTemplate jdbc;

  public LedgerQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The ledger as a cadre lists and prints it: oldest registration first, like a paper register. */
  public List<LedgerRow> list(LedgerFilter f) {
    StringBuilder sql = new StringBuilder(SELECT).append("where ");
    List<Object> args = new ArrayList<>();
    unit(sql, args, f.unit());
    if (f.month() != null) {
      sql.append(" and m.registered_at >= ? and m.registered_at < ?");
      args.add(start(f.month()));
      args.add(start(f.month().plusMonths(1)));
    }
    equal(sql, args, "m.state", f.state() == null ? null : f.state().name());
    equal(sql, args, "m.matter_type", f.matterType());
    equal(sql, args, "m.outcome", f.outcome());
    equal(sql, args, "m.responsible_cadre", f.responsibleCadre());
    if (f.overdue() != null) {
      sql.append(" and m.overdue = ?");
      args.add(f.overdue());
    }
    sql.append(" order by m.registered_at, m.id");
    return jdbc.query(sql.toString(), this::map, args.toArray());
  }

  /**
   * Every item of the unit that was open at some time in the month: registered before its end and
   * not closed before its start. The notice board and the rates both start from these.
   */
  public List<LedgerRow> openDuring(Unit unit, YearMonth month) {
    StringBuilder sql = new StringBuilder(SELECT).append("where ");
    List<Object> args = new ArrayList<>();
    unit(sql, args, unit);
    sql.append(" and m.registered_at < ? and (m.closed_at is null or m.closed_at >= ?)");
    args.add(start(month.plusMonths(1)));
    args.add(start(month));
    sql.append(" order by m.registered_at, m.id");
    return jdbc.query(sql.toString(), this::map, args.toArray());
  }

  /**
   * How often, in the month, each item's result was sent back to be handled again: a verifier's
   * rejection, a re-handling after 不满意, a supervisor's order to handle again. By item number.
   */
  public Map<String, Integer> returnsIn(Unit unit, YearMonth month) {
    StringBuilder sql = new StringBuilder("select m.matter_number, count(*) from matter_event e "
        + "join matter m on m.id = e.matter_id where ");
    List<Object> args = new ArrayList<>();
    unit(sql, args, unit);
    sql.append(" and ((e.kind = 'UserTask_VerifyResult' and e.decision = 'REJECTED') or e.kind = 'REOPENED'"
        + " or e.kind = 'RETURNED'"
        + " or (e.kind = 'UserTask_SupervisorReview' and e.decision = 'REHANDLE'))"
        + " and e.occurred_at >= ? and e.occurred_at < ? group by m.matter_number");
    args.add(start(month));
    args.add(start(month.plusMonths(1)));
    Map<String, Integer> returns = new HashMap<>();
    jdbc.query(sql.toString(), rs -> {
      returns.put(rs.getString(1), rs.getInt(2));
    }, args.toArray());
    return returns;
  }

  /**
   * An item on the list 已超期事项 (Cockpit): its ledger row, the item's own process instance, the level
   * and unit handling it, and whether its town's or county's supervisors recorded 超期督办 since its
   * deadline passed.
   */
  public record OverdueRow(LedgerRow row, String processInstanceId, String handlingLevel, String handlingUnit,
      boolean supervised) {}

  /**
   * Every item, in the whole installation, that is overdue now: still open (neither closed nor merged),
   * flagged overdue on the ledger ({@code MarkOverdue}, when the handling deadline's timer fired), its
   * current deadline past (an approved extension or a new level's deadline takes it off), and no unit or
   * level has finished handling it since that deadline ({@code UNIT_DONE}, {@code LEVEL_DONE}): it stays
   * listed after 超期督办 until the handling is done. Supervised: a 超期督办 step recorded since the
   * deadline. Oldest deadline first. The caller decides what of it the viewer may see.
   */
  public List<OverdueRow> overdueOpen(OffsetDateTime now) {
    String sql = "select m.process_instance_id, m.handling_level, m.handling_unit, "
        + "case when exists (select 1 from matter_event s where s.matter_id = m.id "
        + "and s.kind = 'UserTask_SuperviseOverdue' and s.occurred_at >= m.deadline) then 1 else 0 end as supervised, "
        + SELECT.substring("select ".length())
        + "where m.state not in ('CLOSED', 'MERGED') and m.overdue = true and m.deadline < ? "
        + "and not exists (select 1 from matter_event d where d.matter_id = m.id "
        + "and d.kind in ('UNIT_DONE', 'LEVEL_DONE') and d.occurred_at >= m.deadline) "
        + "order by m.deadline, m.id";
    return jdbc.query(sql, (rs, i) -> new OverdueRow(map(rs, i), rs.getString("process_instance_id"),
        rs.getString("handling_level"), rs.getString("handling_unit"), rs.getInt("supervised") == 1),
        now.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** The villages of a town or the towns of a county, in code order; retired ones are no longer listed. */
  public List<Unit> children(Unit unit) {
    return jdbc.query("select code, name, level, parent_code from org_unit where parent_code = ? "
            + "and level in ('TOWN', 'VILLAGE') and retired_at is null order by code",
        (rs, i) -> new Unit(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)), rs.getString(4)),
        unit.code());
  }

  /** The first instant of the month in Beijing. */
  public static OffsetDateTime start(YearMonth month) {
    return month.atDay(1).atStartOfDay(EngineClock.BEIJING).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static void unit(StringBuilder sql, List<Object> args, Unit unit) {
    switch (unit.level()) {
      case VILLAGE -> sql.append("m.village_code = ?");
      case TOWN -> sql.append("m.town_code = ?");
      case COUNTY -> sql.append("m.town_code in (select code from org_unit where parent_code = ?)");
      default -> throw new IllegalArgumentException("no ledger for a " + unit.level() + " unit");
    }
    args.add(unit.code());
  }

  private static void equal(StringBuilder sql, List<Object> args, String column, Object value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private LedgerRow map(ResultSet rs, int row) throws SQLException {
    return new LedgerRow(
        rs.getString("matter_number"), rs.getString("village_code"), rs.getString("village_name"),
        rs.getString("town_code"), rs.getString("channel"), rs.getString("reporter_name"),
        rs.getString("reporter_phone"), rs.getBoolean("confidential"), rs.getString("title"),
        time(rs, "registered_at"), MatterState.valueOf(rs.getString("state")), rs.getString("matter_type"),
        rs.getString("handling_list"), rs.getString("subject"), rs.getString("responsible_cadre"),
        rs.getString("responsible_name"), time(rs, "deadline"), rs.getBoolean("overdue"), time(rs, "overdue_at"),
        rs.getString("outcome"), rs.getObject("promised_date", java.time.LocalDate.class),
        rs.getString("satisfaction"), time(rs, "classify_due_at"), time(rs, "classified_at"),
        time(rs, "closed_at"), time(rs, "closed_out_at"), rs.getString("registered_by"), rs.getString("handled_by"),
        rs.getString("desk_role"), rs.getString("satisfaction_by"), rs.getString("resident_satisfaction"));
  }

  private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class);
  }
}
