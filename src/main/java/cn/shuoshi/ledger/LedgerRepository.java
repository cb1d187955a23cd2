package cn.shuoshi.ledger;

import cn.shuoshi.audit.Origin;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
      + "public_notice, duplicate_of, desk_role";

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
      String registeredBy, Instant registeredAt, String matterType, String subject, String deskRole) {}

  /** Creates the ledger row and returns the item's number, e.g. {@code LS01-2026-00042}. */
  public LedgerKey register(NewMatter m) {
    long sequence = numbers.nextLongValue();
    int year = m.registeredAt().atZone(cn.shuoshi.clock.EngineClock.BEIJING).getYear();
    String number = String.format("%s-%d-%05d", m.villageCode(), year, sequence);
    jdbc.update("insert into matter (matter_number, process_instance_id, village_code, town_code, channel, "
            + "reporter_name, reporter_phone, reporter_group, confidential, title, description, registered_by, "
            + "registered_at, state, responsible_cadre, matter_type, subject, desk_role, updated_at) "
            + "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        number, m.processInstanceId(), m.villageCode(), m.townCode(), m.channel(), m.reporterName(),
        m.reporterPhone(), m.reporterGroup(), m.confidential(), m.title(), m.description(), m.registeredBy(),
        at(m.registeredAt()), MatterState.CLASSIFYING.name(), null, m.matterType(), m.subject(), m.deskRole(),
        at(m.registeredAt()));
    LedgerKey key = new LedgerKey(number, m.processInstanceId());
    appendEvent(key, LedgerEvent.of(LedgerEvent.Kind.REGISTERED, m.title()).by(m.registeredBy()), m.registeredAt());
    return key;
  }

  public void recordOnSpotAnswer(NewMatter m, String answer) {
    jdbc.update("insert into on_spot_answer (process_instance_id, village_code, channel, reporter_name, "
            + "reporter_phone, reporter_group, confidential, title, description, answer, answered_by, answered_at) "
            + "values (?,?,?,?,?,?,?,?,?,?,?,?)",
        m.processInstanceId(), m.villageCode(), m.channel(), m.reporterName(), m.reporterPhone(),
        m.reporterGroup(), m.confidential(), m.title(), m.description(), answer, m.registeredBy(),
        at(m.registeredAt()));
  }

  public void setState(LedgerKey number, MatterState state, Instant now) {
    update(number, now, "state = ?", state.name());
  }

  public void assignResponsible(LedgerKey number, String cadre, Instant now) {
    update(number, now, "responsible_cadre = ?", cadre);
  }

  public void recordClassification(LedgerKey number, String type, String list, String subject, String responsible,
      Instant now) {
    update(number, now, "matter_type = ?, handling_list = ?, subject = ?, responsible_cadre = ?",
        type, list, subject, responsible);
  }

  /**
   * Which desk follows the item (routing decision {@code matterDesk}): a village role for ordinary
   * items, a town role for petitions and complaints about cadres, which the village never sees.
   */
  public void recordDesk(LedgerKey number, String deskRole, Instant now) {
    update(number, now, "desk_role = ?", deskRole);
  }

  public void recordDeadline(LedgerKey number, Date deadline, Instant now) {
    update(number, now, "deadline = ?, overdue = ?", at(deadline.toInstant()), deadline.toInstant().isBefore(now));
  }

  public void recordReminder(LedgerKey number, Instant now) {
    update(number, now, "reminded_at = ?", at(now));
  }

  public void recordOverdue(LedgerKey number, Instant now) {
    update(number, now, "overdue = ?, overdue_at = coalesce(overdue_at, ?), supervision_count = supervision_count + 1",
        true, at(now));
  }

  public void recordResult(LedgerKey number, String handledBy, String outcome, String summary, LocalDate promisedDate,
      String steps, String policyBasis, Instant now) {
    update(number, now, "handled_by = ?, outcome = ?, result_summary = ?, promised_date = ?, commitment_steps = ?, "
        + "policy_basis = ?", handledBy, outcome, summary, promisedDate, steps, policyBasis);
  }

  public void recordVerification(LedgerKey number, String verifiedBy, Instant now) {
    update(number, now, "verified_by = ?", verifiedBy);
  }

  /** The feedback reaches everybody who raised the item: linked duplicates get it too. */
  /** The feedback reaches everybody who raised the item: linked duplicates get it too. */
  public void recordFeedback(LedgerKey number, String method, LocalDate date, String note, Instant now) {
    update(number, now, "feedback_method = ?, feedback_date = ?, feedback_note = ?", method, date, note);
    jdbc.update("update matter set feedback_method = ?, feedback_date = ?, feedback_note = ?, updated_at = ? "
        + "where duplicate_of = ?", method, date, note, at(now), number.number());
  }

  public void recordLevel(LedgerKey number, String level, String unit, Instant now) {
    update(number, now, "handling_level = ?, handling_unit = ?", level, unit);
  }

  /** The level the ledger shows the item at (null for an item not on the ledger). */
  public String levelOf(LedgerKey number) {
    PendingWrites.writeForCommand();
    return jdbc.query("select handling_level from matter where matter_number = ? and process_instance_id = ?",
        rs -> rs.next() ? rs.getString(1) : null, number.number(), number.itemInstanceId());
  }

  public void recordEscalation(LedgerKey number, String level, Instant now) {
    update(number, now, "handling_level = ?, escalation_count = escalation_count + 1", level);
  }

  public void recordSignForLate(LedgerKey number, Instant now) {
    update(number, now, "sign_for_late = ?", true);
  }

  public void recordReturn(LedgerKey number, Instant now) {
    update(number, now, "return_count = return_count + 1");
  }

  public void recordExtension(LedgerKey number, Date deadline, Instant now) {
    update(number, now, "extension_count = extension_count + 1, deadline = ?", at(deadline.toInstant()));
  }

  public void recordPublicNotice(LedgerKey number, Instant now) {
    update(number, now, "public_notice = ?, public_notice_at = coalesce(public_notice_at, ?)", true, at(now));
  }

  /**
   * Links a duplicate to the open item it repeats: its reporter joins the original's reporters (in
   * this table, never in the engine) and both items' histories say so.
   *
   * @return how many residents besides the original reporter now wait for the original's answer
   */
  public int linkDuplicate(LedgerKey duplicate, String original, Instant now) {
    update(duplicate, now, "state = ?, duplicate_of = ?", MatterState.MERGED.name(), original);
    jdbc.update("insert into matter_reporter (matter_id, linked_from, reporter_name, reporter_phone, linked_at) "
            + "select o.id, d.matter_number, d.reporter_name, d.reporter_phone, ? "
            + "from matter o, matter d where o.matter_number = ? and d.matter_number = ?",
        at(now), original, duplicate.number());
    appendEvent(duplicate, LedgerEvent.of(LedgerEvent.Kind.MERGED, "并入 " + original), now);
    // The original item is another process instance: its line is written here, by the merge, only.
    Origin origin = Origin.now();
    jdbc.update("insert into matter_event (matter_id, occurred_at, kind, actor, door, note) "
            + "select id, ?, ?, ?, ?, ? from matter where matter_number = ?",
        at(now), LedgerEvent.Kind.LINKED.name(), origin.actor(), origin.door().name(), duplicate.number(), original);
    return linkedReporterCount(original);
  }

  /** How many more residents reported the item (merged duplicates), without reading who they are. */
  public int linkedReporterCount(String number) {
    PendingWrites.writeForCommand();
    Integer count = jdbc.queryForObject("select count(*) from matter_reporter r join matter m on m.id = r.matter_id "
        + "where m.matter_number = ?", Integer.class, number);
    return count == null ? 0 : count;
  }

  public void recordSatisfaction(LedgerKey number, String satisfaction, Instant now) {
    update(number, now, "satisfaction = ?", satisfaction);
  }

  /** Who gave a rating: the resident on their own page ({@code Origin.RESIDENT}). */
  public static final String RATED_BY_RESIDENT = "RESIDENT";
  /** … or a cadre who recorded what the resident said (at the speaking meeting, by phone). */
  public static final String RATED_BY_CADRE = "CADRE";
  /** The ledger's word for a rating step that waited its time out: nobody rated. */
  public static final String UNRATED = "UNRATED";

  /**
   * The item's rating and who gave it: the resident's own (kept apart as well, the satisfaction rate
   * counts it first) or a cadre's record of it, naming the cadre.
   */
  public void recordSatisfaction(LedgerKey number, String satisfaction, boolean byResident, String cadre,
      Instant now) {
    if (byResident) {
      update(number, now, "satisfaction = ?, satisfaction_by = ?, satisfaction_recorded_by = ?, "
          + "resident_satisfaction = ?", satisfaction, RATED_BY_RESIDENT, null, satisfaction);
    } else {
      update(number, now, "satisfaction = ?, satisfaction_by = ?, satisfaction_recorded_by = ?", satisfaction,
          RATED_BY_CADRE, cadre);
    }
  }

  /** The rating step waited its time out: the item closes unrated. */
  public void recordUnrated(LedgerKey number, Instant now) {
    update(number, now, "satisfaction = ?, satisfaction_by = ?, satisfaction_recorded_by = ?", UNRATED, null, null);
  }

  /** Whether the resident takes text messages: a mobile number, and 不接收短信 not ticked. */
  public void recordResidentTexts(LedgerKey number, boolean takesTexts, Instant now) {
    update(number, now, "resident_texts = ?", takesTexts);
  }

  /** Whether the item's resident takes text messages (false for an item not on the ledger). */
  public boolean residentTakesTexts(String number) {
    PendingWrites.writeForCommand();
    return Boolean.TRUE.equals(jdbc.query("select resident_texts from matter where matter_number = ?",
        rs -> rs.next() ? rs.getBoolean(1) : false, number));
  }

  public void recordDissatisfaction(LedgerKey number, int dissatisfiedCount, Instant now) {
    update(number, now, "dissatisfied_count = ?", dissatisfiedCount);
  }

  /** Closed once: a committed item closes when the resident accepts the promise, not when it is checked. */
  public void close(LedgerKey number, Instant now) {
    update(number, now, "state = ?, closed_at = coalesce(closed_at, ?)", MatterState.CLOSED.name(), at(now));
  }

  /** A closed item that must be handled again (a broken promise) is open again. */
  public void reopen(LedgerKey number, Instant now) {
    update(number, now, "closed_at = null");
  }

  // --- Response rate and monthly close-out (issue #5) ---------------------------------------

  /** When the two-committee meeting must have classified the item (the classify task's due date). */
  public void recordClassifyDue(LedgerKey number, Date due, Instant now) {
    update(number, now, "classify_due_at = ?", due == null ? null : at(due.toInstant()));
  }

  /** The first classification is the response; a later one (there is none today) does not move it. */
  public void recordClassified(LedgerKey number, Instant now) {
    update(number, now, "classified_at = coalesce(classified_at, ?)", at(now));
  }

  /**
   * Adds a line to the item's history, naming who did it ({@code actor}, or whoever acts now: the
   * logged-in user, else the system) and through which door; does nothing for an item that never
   * reached the ledger (answered on the spot).
   */
  public void appendEvent(LedgerKey number, LedgerEvent event, Instant now) {
    Origin origin = Origin.now();
    Object[] args = {at(now), event.kind(), event.decision(), event.actor() != null ? event.actor() : origin.actor(),
        origin.door().name(), event.note() == null ? null : truncate(event.note(), 2000), number.number(),
        number.itemInstanceId()};
    PendingWrites pending = PendingWrites.ofCommand(this::write, this::writeEvents);
    if (pending != null) {
      pending.addEvent(number, args);
      return;
    }
    writeEvents(List.of(number), List.<Object[]>of(args));
  }

  private static final String APPEND_EVENT = "insert into matter_event (matter_id, occurred_at, kind, decision, actor, "
      + "door, note) select id, ?, ?, ?, ?, ?, ? from matter where matter_number = ? and process_instance_id = ?";

  /** History lines, one JDBC batch; a line whose item row does not match its instance is a forgery. */
  private void writeEvents(List<LedgerKey> items, List<Object[]> args) {
    int[] inserted = args.size() == 1 ? new int[] {jdbc.update(APPEND_EVENT, args.get(0))}
        : jdbc.batchUpdate(APPEND_EVENT, args);
    for (int i = 0; i < inserted.length; i++) {
      if (inserted[i] == 0) {
        refuseIfForged(items.get(i));
      }
    }
  }

  /**
   * An open task of the item was handed to another desk because the organisation changed (an
   * administrator's import): written by the import, outside the item's own process.
   *
   * @return whether the item is in the ledger (a line was written)
   */
  public boolean recordHandover(String number, Origin origin, String note, Instant now) {
    return jdbc.update("insert into matter_event (matter_id, occurred_at, kind, actor, door, note) "
            + "select id, ?, ?, ?, ?, ? from matter where matter_number = ?",
        at(now), LedgerEvent.Kind.HANDED_OVER.name(), origin.actor(), origin.door().name(), truncate(note, 2000), number) > 0;
  }

  /** Whether {@code number} is an item in the ledger. */
  public boolean exists(String number) {
    PendingWrites.writeForCommand();
    Integer count = jdbc.queryForObject("select count(*) from matter where matter_number = ?", Integer.class, number);
    return count != null && count > 0;
  }

  private void insertEvent(String number, String kind, Origin origin, String note, Instant now) {
    jdbc.update("insert into matter_event (matter_id, occurred_at, kind, actor, door, note) "
            + "select id, ?, ?, ?, ?, ? from matter where matter_number = ?",
        at(now), kind, origin.actor(), origin.door().name(), note, number);
  }

  public Optional<LedgerEntry> findByProcessInstance(String processInstanceId) {
    PendingWrites.writeForCommand();
    return jdbc.query("select " + COLUMNS + " from matter where process_instance_id = ?", this::map,
        processInstanceId).stream().findFirst();
  }

  public Optional<LedgerEntry> findByNumber(String number) {
    PendingWrites.writeForCommand();
    return jdbc.query("select " + COLUMNS + " from matter where matter_number = ?", this::map, number)
        .stream().findFirst();
  }

  /** Lists the ledger for a village, optionally narrowed by state, responsible cadre and outcome. */
  public List<LedgerEntry> list(LedgerQuery q) {
    PendingWrites.writeForCommand();
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

  public long countAll() {
    PendingWrites.writeForCommand();
    Long count = jdbc.queryForObject("select count(*) from matter", Long.class);
    return count == null ? 0 : count;
  }

  private static void where(StringBuilder sql, List<Object> args, String column, Object value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = ?");
      args.add(value);
    }
  }

  /**
   * Updates the item's row; inside an engine command with the command's other updates of the row, as
   * one statement when the command ends ({@link PendingWrites}).
   */
  private void update(LedgerKey number, Instant now, String assignments, Object... values) {
    PendingWrites pending = PendingWrites.ofCommand(this::write, this::writeEvents);
    if (pending != null) {
      pending.add(number, assignments, values, at(now));
      return;
    }
    PendingWrites.Row row = new PendingWrites.Row(number);
    row.assignments.put(assignments, assignments);
    row.values.addAll(Arrays.asList(values));
    row.updatedAt = at(now);
    write(row);
  }

  private void write(PendingWrites.Row row) {
    List<Object> args = new ArrayList<>(row.values);
    args.add(row.updatedAt);
    args.add(row.item.number());
    args.add(row.item.itemInstanceId());
    if (jdbc.update("update matter set " + String.join(", ", row.assignments.values())
        + ", updated_at = ? where matter_number = ? and process_instance_id = ?", args.toArray()) == 0) {
      refuseIfForged(row.item);
    }
  }

  /**
   * Nothing was written for {@code number}: either the item never reached the ledger (answered on the
   * spot), or its number belongs to another process instance — a forgery, refused with the whole step.
   */
  private void refuseIfForged(LedgerKey number) {
    Integer rows = jdbc.queryForObject("select count(*) from matter where matter_number = ?", Integer.class,
        number.number());
    if (rows != null && rows > 0) {
      throw new ForgedItemException(number.number());
    }
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
        rs.getBoolean("public_notice"), rs.getString("duplicate_of"), rs.getString("desk_role"));
  }
}
