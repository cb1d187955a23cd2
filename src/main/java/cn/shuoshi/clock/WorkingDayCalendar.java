package cn.shuoshi.clock;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Working days of mainland China: Monday to Friday, minus the State Council's public holidays, plus
 * the weekend days that become working days (调休), per year from the database ({@link CalendarStore}).
 * A year the database does not have counts only Saturdays and Sundays as days off; a
 * {@link Reckoning} says which years a computation needed and did not find.
 *
 * <p>Several nodes share one database and an administrator may change a year at any moment, so each
 * computation first reads the years' versions (one small query) and uses a cached year only while
 * its version is still current. The cache holds at most the years in the table.
 */
@Component
// The calendar file fills an empty table before the first deadline is computed.
@DependsOn("bundledCalendar")
public class WorkingDayCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private record Cached(long version, YearSchedule schedule) {}

  private final CalendarStore store;
  private final ConcurrentMap<Integer, Cached> cache = new ConcurrentHashMap<>();
  /** Years already named in the log (deadlines lie within a few years of today: a handful at most). */
  private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

  public WorkingDayCalendar(CalendarStore store) {
    this.store = store;
  }

  /** Starts a computation on the calendar as it is now in the database. */
  public Reckoning reckoning() {
    Map<Integer, Long> versions = store.versions();
    // A year that left the table leaves the cache: it never holds more than the table.
    cache.keySet().retainAll(versions.keySet());
    return new Reckoning(versions);
  }

  public boolean isWorkingDay(LocalDate day) {
    return reckoning().isWorkingDay(day);
  }

  /** The {@code n}-th working day after {@code from} (from itself does not count). */
  public LocalDate plusWorkingDays(LocalDate from, int n) {
    return reckoning().plusWorkingDays(from, n);
  }

  /** {@code n} days after {@code from}, counted in working days or in calendar days. */
  public LocalDate plus(LocalDate from, int n, boolean workingDays) {
    return reckoning().plus(from, n, workingDays);
  }

  /**
   * One computation (or the few of one step, such as a deadline and the escalation after it) on one
   * reading of the versions. Remembers the years it needed that the calendar does not have. Not shared
   * between threads.
   */
  public final class Reckoning {

    private final Map<Integer, Long> versions;
    private final Map<Integer, YearSchedule> years = new HashMap<>();
    private final SortedSet<Integer> missing = new TreeSet<>();

    private Reckoning(Map<Integer, Long> versions) {
      this.versions = versions;
    }

    public boolean isWorkingDay(LocalDate day) {
      YearSchedule year = year(day.getYear());
      if (year == null) {
        missing.add(day.getYear());
        return !YearSchedule.isWeekend(day);
      }
      return year.isWorkingDay(day);
    }

    /** The {@code n}-th working day after {@code from} (from itself does not count). */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
      LocalDate day = from;
      for (int counted = 0; counted < n; ) {
        day = day.plusDays(1);
        if (isWorkingDay(day)) {
          counted++;
        }
      }
      return day;
    }

    /** {@code n} days after {@code from}, counted in working days or in calendar days. */
    public LocalDate plus(LocalDate from, int n, boolean workingDays) {
      return workingDays ? plusWorkingDays(from, n) : from.plusDays(n);
    }

    /** The years this computation went through without their schedule (weekends only there). */
    public Set<Integer> missingYears() {
      return Collections.unmodifiableSortedSet(missing);
    }

    private YearSchedule year(int year) {
      if (years.containsKey(year)) {
        return years.get(year);
      }
      YearSchedule schedule = null;
      Long version = versions.get(year);
      if (version != null) {
        Cached cached = cache.get(year);
        if (cached != null && cached.version() == version) {
          schedule = cached.schedule();
        } else {
          // Changed since it was cached (on this node or another), or not read yet.
          schedule = store.find(year).map(stored -> {
            cache.merge(year, new Cached(stored.version(), stored.schedule()),
                (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
            return stored.schedule();
          }).orElse(null);
        }
      } else if (warned.add(year)) {
        LOG.warn("No holiday schedule for {} in the working-day calendar: only weekends count as days off there, "
            + "and each deadline so counted is marked on its item's history. Load it: PUT /api/calendar/{}", year, year);
      }
      years.put(year, schedule);
      return schedule;
    }
  }
}
