package cn.shuoshi.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/**
 * The ledger table {@code matter} and its history {@code matter_event}. Called from inside engine
 * commands, so every write joins the engine's transaction: a step and its ledger line commit together.
 * Rows are addressed by the item's number, which is the business key of the item's process and of
 * every process it calls (town, county, unit handling, 四议两公开).
 */
@Repository
public class LedgerRepository {

  private static final String COLUMNS = "id, matter_number, process_instance_id, village_code, town_code, channel, "
      + "reporter_name, reporter_phone, confidential, title, registered_by, registered_at, state, matter_type, "
      + "handling_list, subject, responsible_cadre, deadline, overdue, supervision_count, handled_by, outcome, "
      + "promised_date, policy_basis, verified_by, feedback_method, satisfaction, dissatisfied_count, closed_at, "
      + "handling_level, handling_unit, sign_for_late, return_count, extension_count, escalation_count, "
      + "public_notice, duplicate_of";

  private final JdbcTemplate jdbc;
  private final DataFieldMaxValueIncrementer numbers;

  public LedgerRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    this.numbers = "PostgreSQL".equals(product)
        ? new PostgresSequenceMaxValueIncrementer(jdbc.getDataSource(), "matter_seq")
        : new H2SequenceMaxValueIncrementer(jdbc.getDataSource(), "matter_seq");
  }

  public record NewMatter(
      String processInstanceId, String villageCode, String townCode, String channel, String reporterName,
      String reporterPhone, String reporterGroup, boolean confidential, String title, String description,
      String registeredBy, Instant registeredAt) {}

  /** Creates the ledger row and returns the item's number, e.g. {@code LS01-2026-00042}. */
  public String register(NewMatter m) {
    long sequence = numbers.nextLongValue();
    int year = m.registeredAt().atZone(cn.shuoshi.deadline.EngineClock.BEIJING).getYear();
    String number = String.format("%s-%d-%05d", m.villageCode(), year, sequence);
    jdbc.update("insert into matter (matter_number, process_instance_id, village_code, town_code, channel, "
            + "reporter_name, reporter_phone, reporter_group, confidential, title, description, registered_by, "
            + "registered_at, state, responsible_cadre, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        number, m.processInstanceId(), m.villageCode(), m.townCode(), m.channel(), m.reporterName(),
        m.reporterPhone(), m.reporterGroup(), m.confidential(), m.title(), m.description(), m.registeredBy(),
        at(m.registeredAt()), MatterState.CLASSIFYING.name(), null, at(m.registeredAt()));
    appendEvent(number, "REGISTERED", m.registeredBy(), m.title(), m.registeredAt());
    return number;
  }

  public void recordOnSpotAnswer(NewMatter m, String answer) {
    jdbc.update("insert into on_spot_answer (process_instance_id, village_code, channel, reporter_name, "
            + "reporter_phone, reporter_group, confidential, title, description, answer, answered_by, answered_at) "
            + "values (?,?,?,?,?,?,?,?,?,?,?,?)",
        m.processInstanceId(), m.villageCode(), m.channel(), m.reporterName(), m.reporterPhone(),
        m.reporterGroup(), m.confidential(), m.title(), m.description(), answer, m.registeredBy(),
        at(m.registeredAt()));
  }

  public void setState(String number, MatterState state, Instant now) {
    update(number, now, "state = ?", state.name());
  }

  public void assignResponsible(String number, String cadre, Instant now) {
    update(number, now, "responsible_cadre = ?", cadre);
  }

  public void recordClassification(String number, String type, String list, String subject, String responsible,
      Instant now) {
    update(number, now, "matter_type = ?, handling_list = ?, subject = ?, responsible_cadre = ?",
        type, list, subject, responsible);
  }

  /** Type and subject known before classification (an item registered through the API). */
  public void recordTypeAndSubject(String number, String type, String subject, Instant now) {
    update(number, now, "matter_type = ?, subject = ?", type, subject);
  }

  public void recordDeadline(String number, Date deadline, Instant now) {
    update(number, now, "deadline = ?, overdue = ?", at(deadline.toInstant()), deadline.toInstant().isBefore(now));
  }

  public void recordReminder(String number, Instant now) {
    update(number, now, "reminded_at = ?", at(now));
  }

  public void recordOverdue(String number, Instant now) {
    update(number, now, "overdue = ?, overdue_at = coalesce(overdue_at, ?), supervision_count = supervision_count + 1",
        true, at(now));
  }

  public void recordResult(String number, String handledBy, String outcome, String summary, LocalDate promisedDate,
      String steps, String policyBasis, Instant now) {
    update(number, now, "handled_by = ?, outcome = ?, result_summary = ?, promised_date = ?, commitment_steps = ?, "
        + "policy_basis = ?", handledBy, outcome, summary, promisedDate, steps, policyBasis);
  }

  public void recordVerification(String number, String verifiedBy, Instant now) {
    update(number, now, "verified_by = ?", verifiedBy);
  }

  /** The feedback reaches everybody who raised the item: linked duplicates get it too. */
  public void recordFeedback(String number, String method, LocalDate date, String note, Instant now) {
    jdbc.update("update matter set feedback_method = ?, feedback_date = ?, feedback_note = ?, updated_at = ? "
        + "where matter_number = ? or duplicate_of = ?", method, date, note, at(now), number, number);
  }

  public void recordLevel(String number, String level, String unit, Instant now) {
    update(number, now, "handling_level = ?, handling_unit = ?", level, unit);
  }

  public void recordEscalation(String number, String level, Instant now) {
    update(number, now, "handling_level = ?, escalation_count = escalation_count + 1", level);
  }

  public void recordSignForLate(String number, Instant now) {
    update(number, now, "sign_for_late = ?", true);
  }

  public void recordReturn(String number, Instant now) {
    update(number, now, "return_count = return_count + 1");
  }

  public void recordExtension(String number, Date deadline, Instant now) {
    update(number, now, "extension_count = extension_count + 1, deadline = ?", at(deadline.toInstant()));
  }

  public void recordPublicNotice(String number, Instant now) {
    update(number, now, "public_notice = ?, public_notice_at = coalesce(public_notice_at, ?)", true, at(now));
  }

  /** Links a duplicate to the open item it repeats; its reporter joins the original's reporters. */
  public void linkDuplicate(String duplicate, String original, Instant now) {
    jdbc.update("insert into matter_reporter (matter_id, linked_from, reporter_name, reporter_phone, linked_at) "
            + "select o.id, d.matter_number, d.reporter_name, d.reporter_phone, ? "
            + "from matter o, matter d where o.matter_number = ? and d.matter_number = ?",
        at(now), original, duplicate);
    update(duplicate, now, "state = ?, duplicate_of = ?", MatterState.MERGED.name(), original);
  }

  public List<String> linkedReporters(String number) {
    return jdbc.queryForList("select r.reporter_name from matter_reporter r join matter m on m.id = r.matter_id "
        + "where m.matter_number = ? order by r.id", String.class, number);
  }

  public void recordSatisfaction(String number, String satisfaction, Instant now) {
    update(number, now, "satisfaction = ?", satisfaction);
  }

  public void recordDissatisfaction(String number, int dissatisfiedCount, Instant now) {
    update(number, now, "dissatisfied_count = ?", dissatisfiedCount);
  }

  /** Closed once: a committed item closes when the resident accepts the promise, not when it is checked. */
  public void close(String number, Instant now) {
    update(number, now, "state = ?, closed_at = coalesce(closed_at, ?)", MatterState.CLOSED.name(), at(now));
  }

  /** A closed item that must be handled again (a broken promise) is open again. */
  public void reopen(String number, Instant now) {
    update(number, now, "closed_at = null");
  }

  // --- Response rate and monthly close-out (issue #5) ---------------------------------------

  /** When the two-committee meeting must have classified the item (the classify task's due date). */
  public void recordClassifyDue(String number, Date due, Instant now) {
    update(number, now, "classify_due_at = ?", due == null ? null : at(due.toInstant()));
  }

  /** The first classification is the response; a later one (there is none today) does not move it. */
  public void recordClassified(String number, Instant now) {
    update(number, now, "classified_at = coalesce(classified_at, ?)", at(now));
  }

  /** Adds a line to the item's history; does nothing for an item that never reached the ledger. */
  public void appendEvent(String number, String kind, String actor, String note, Instant now) {
    jdbc.update("insert into matter_event (matter_id, occurred_at, kind, actor, note) "
            + "select id, ?, ?, ?, ? from matter where matter_number = ?",
        at(now), kind, actor, note == null ? null : truncate(note, 2000), number);
  }

  public Optional<LedgerEntry> findByProcessInstance(String processInstanceId) {
    return jdbc.query("select " + COLUMNS + " from matter where process_instance_id = ?", this::map,
        processInstanceId).stream().findFirst();
  }

  public Optional<LedgerEntry> findByNumber(String number) {
    return jdbc.query("select " + COLUMNS + " from matter where matter_number = ?", this::map, number)
        .stream().findFirst();
  }

  /** Lists the ledger for a village, optionally narrowed by state, responsible cadre and outcome. */
  public List<LedgerEntry> list(LedgerQuery q) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from matter where 1 = 1");
    List<Object> args = new ArrayList<>();
    where(sql, args, "village_code", q.villageCode());
    where(sql, args, "town_code", q.townCode());
    where(sql, args, "state", q.state() == null ? null : q.state().name());
    where(sql, args, "responsible_cadre", q.responsibleCadre());
    where(sql, args, "outcome", q.outcome());
    if (q.deadlineBefore() != null) {
      sql.append(" and deadline < ?");
      args.add(at(q.deadlineBefore()));
    }
    if (Boolean.TRUE.equals(q.overdue())) {
      sql.append(" and overdue = true");
    }
    sql.append(" order by registered_at desc, id desc");
    return jdbc.query(sql.toString(), this::map, args.toArray());
  }

  public List<String> eventKinds(String number) {
    return jdbc.queryForList("select e.kind from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? order by e.occurred_at, e.id", String.class, number);
  }

  public long countOnSpotAnswers(String processInstanceId) {
    Long count = jdbc.queryForObject("select count(*) from on_spot_answer where process_instance_id = ?",
        Long.class, processInstanceId);
    return count == null ? 0 : count;
  }

  public long countAll() {
    Long count = jdbc.queryForObject("select count(*) from matter", Long.class);
    return count == null ? 0 : count;
  }

  private static void where(StringBuilder sql, List<Object> args, String column, Object value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private void update(String number, Instant now, String assignments, Object... values) {
    Object[] args = new Object[values.length + 2];
    System.arraycopy(values, 0, args, 0, values.length);
    args[values.length] = at(now);
    args[values.length + 1] = number;
    jdbc.update("update matter set " + assignments + ", updated_at = ? where matter_number = ?", args);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private LedgerEntry map(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(
        rs.getLong("id"), rs.getString("matter_number"), rs.getString("process_instance_id"),
        rs.getString("village_code"), rs.getString("town_code"), rs.getString("channel"),
        rs.getString("reporter_name"), rs.getString("reporter_phone"), rs.getBoolean("confidential"),
        rs.getString("title"), rs.getString("registered_by"), rs.getObject("registered_at", OffsetDateTime.class),
        MatterState.valueOf(rs.getString("state")), rs.getString("matter_type"), rs.getString("handling_list"),
        rs.getString("subject"), rs.getString("responsible_cadre"), rs.getObject("deadline", OffsetDateTime.class),
        rs.getBoolean("overdue"), rs.getInt("supervision_count"), rs.getString("handled_by"),
        rs.getString("outcome"), rs.getObject("promised_date", LocalDate.class), rs.getString("policy_basis"),
        rs.getString("verified_by"), rs.getString("feedback_method"), rs.getString("satisfaction"),
        rs.getInt("dissatisfied_count"), rs.getObject("closed_at", OffsetDateTime.class),
        rs.getString("handling_level"), rs.getString("handling_unit"), rs.getBoolean("sign_for_late"),
        rs.getInt("return_count"), rs.getInt("extension_count"), rs.getInt("escalation_count"),
        rs.getBoolean("public_notice"), rs.getString("duplicate_of"));
  }
}
