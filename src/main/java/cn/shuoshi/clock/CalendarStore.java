package cn.shuoshi.clock;

import cn.shuoshi.audit.Door;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The working-day calendar in the database (V9): {@code working_calendar_year} (the years whose
 * schedule is known, each with the change that made it what it is: its version),
 * {@code working_calendar_day} (their holidays and make-up working days) and
 * {@code working_calendar_change} (every change: who, when, the year before and after; only ever
 * appended to). Every node of a cluster reads the same rows.
 */
@Repository
public class CalendarStore {

  /** Where a year's schedule came from. */
  public enum Source {
    /** The calendar file of the release, loaded at first start. */
    BUNDLED,
    /** An administrator ({@code PUT /api/calendar/{year}}). */
    ADMIN
  }

  /** A year as stored, with its version and the change that made it. */
  public record Stored(YearSchedule schedule, long version, OffsetDateTime changedAt, String changedBy,
      Source source) {}

  /** One change of a year, as recorded. */
  public record Change(long id, int year, OffsetDateTime at, String actor, Door door, Source source,
      String holidaysBefore, String workdaysBefore, String holidaysAfter, String workdaysAfter) {}

  private static final String HOLIDAY = "HOLIDAY";
  private static final String WORKDAY = "WORKDAY";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public CalendarStore(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /** Every known year and its version: one small query, what a node asks before trusting its cache. */
  public Map<Integer, Long> versions() {
    Map<Integer, Long> versions = new TreeMap<>();
    jdbc.query("select cal_year, change_id from working_calendar_year",
        rs -> {
          versions.put(rs.getInt(1), rs.getLong(2));
        });
    return versions;
  }

  /**
   * A year with its days, read in one statement so that version and days belong together even while
   * an administrator changes the year.
   */
  public Optional<Stored> find(int year) {
    record Row(long version, OffsetDateTime at, String actor, String source, LocalDate day, String kind) {}
    List<Row> rows = jdbc.query("select y.change_id, c.changed_at, c.actor, c.source, d.cal_date, d.kind "
            + "from working_calendar_year y join working_calendar_change c on c.id = y.change_id "
            + "left join working_calendar_day d on d.cal_year = y.cal_year where y.cal_year = ?",
        (rs, i) -> new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
            rs.getObject(5, LocalDate.class), rs.getString(6)),
        year);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<LocalDate> holidays = new TreeSet<>();
    TreeSet<LocalDate> workdays = new TreeSet<>();
    for (Row row : rows) {
      if (row.day() != null) {
        (HOLIDAY.equals(row.kind()) ? holidays : workdays).add(row.day());
      }
    }
    Row first = rows.get(0);
    return Optional.of(new Stored(new YearSchedule(year, holidays, workdays), first.version(), first.at(),
        first.actor(), Source.valueOf(first.source())));
  }

  /**
   * Replaces a year completely (a day left out is no longer a holiday) and records the change, in
   * one transaction. Two administrators saving the same year at once are taken one after the other.
   */
  public Stored replace(YearSchedule schedule, String actor, Door door, Source source, Instant now) {
    try {
      return transaction.execute(status -> write(schedule, actor, door, source, now, false));
    } catch (DuplicateKeyException anotherNodeCreatedTheYear) {
      // The year was new to both; it exists now and the second write replaces it under its row lock.
      return transaction.execute(status -> write(schedule, actor, door, source, now, false));
    }
  }

  /**
   * Stores a year only if the table does not have it yet (the calendar file at start): a year an
   * administrator corrected is never overwritten by a restart. Several nodes starting at once: one
   * stores it, the others find it there.
   */
  public boolean addIfAbsent(YearSchedule schedule, String actor, Door door, Source source, Instant now) {
    try {
      return transaction.execute(status -> write(schedule, actor, door, source, now, true)) != null;
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      return false;
    }
  }

  /** The changes of a year, oldest first. */
  public List<Change> changes(int year) {
    return jdbc.query("select id, cal_year, changed_at, actor, door, source, holidays_before, workdays_before, "
            + "holidays_after, workdays_after from working_calendar_change where cal_year = ? order by id",
        (rs, i) -> new Change(rs.getLong(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4),
            Door.valueOf(rs.getString(5)), Source.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getString(10)),
        year);
  }

  private Stored write(YearSchedule schedule, String actor, Door door, Source source, Instant now,
      boolean onlyIfAbsent) {
    int year = schedule.year();
    // Locks the year's row: a concurrent change of the same year waits for this one to commit.
    List<Long> current = jdbc.queryForList(
        "select change_id from working_calendar_year where cal_year = ? for update", Long.class, year);
    if (!current.isEmpty() && onlyIfAbsent) {
      return null;
    }
    YearSchedule before = current.isEmpty() ? null : find(year).map(Stored::schedule).orElse(null);
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("insert into working_calendar_change (cal_year, "
          + "changed_at, actor, door, source, holidays_before, workdays_before, holidays_after, workdays_after) "
          + "values (?,?,?,?,?,?,?,?,?)", new String[] {"id"});
      insert.setInt(1, year);
      insert.setObject(2, at);
      insert.setString(3, actor);
      insert.setString(4, door.name());
      insert.setString(5, source.name());
      insert.setString(6, before == null ? null : YearSchedule.text(before.holidayEntries()));
      insert.setString(7, before == null ? null : YearSchedule.text(before.workdayEntries()));
      insert.setString(8, YearSchedule.text(schedule.holidayEntries()));
      insert.setString(9, YearSchedule.text(schedule.workdayEntries()));
      return insert;
    }, key);
    long version = key.getKeyAs(Long.class);
    if (current.isEmpty()) {
      jdbc.update("insert into working_calendar_year (cal_year, change_id) values (?, ?)", year, version);
    } else {
      jdbc.update("update working_calendar_year set change_id = ? where cal_year = ?", version, year);
    }
    jdbc.update("delete from working_calendar_day where cal_year = ?", year);
    List<Object[]> days = new ArrayList<>();
    schedule.holidays().forEach(day -> days.add(new Object[] {day, year, HOLIDAY}));
    schedule.workdays().forEach(day -> days.add(new Object[] {day, year, WORKDAY}));
    jdbc.batchUpdate("insert into working_calendar_day (cal_date, cal_year, kind) values (?, ?, ?)", days);
    return new Stored(schedule, version, at, actor, source);
  }
}
