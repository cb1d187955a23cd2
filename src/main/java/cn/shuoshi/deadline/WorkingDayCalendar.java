package cn.shuoshi.deadline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Working days of mainland China: Monday to Friday, minus the State Council's public holidays, plus
 * the weekend days that become working days (调休), configured per year in a YAML file.
 */
@Component
public class WorkingDayCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private final Set<LocalDate> holidays = new HashSet<>();
  private final Set<LocalDate> workdays = new HashSet<>();
  private final Set<Integer> years = new HashSet<>();
  private final Set<Integer> warned = new HashSet<>();

  public WorkingDayCalendar(@Value("${shuoshi.calendar.location:classpath:calendar/cn-working-days.yaml}")
      Resource schedule) {
    try (InputStream in = schedule.getInputStream()) {
      Map<Object, Map<String, List<Object>>> byYear =
          new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      byYear.forEach((year, days) -> {
        years.add(Integer.valueOf(year.toString()));
        days.getOrDefault("holidays", List.of()).forEach(d -> addAll(holidays, d));
        days.getOrDefault("workdays", List.of()).forEach(d -> addAll(workdays, d));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the working-day calendar " + schedule, e);
    }
  }

  public boolean isWorkingDay(LocalDate day) {
    if (!years.contains(day.getYear()) && warned.add(day.getYear())) {
      LOG.warn("No holiday schedule for {}: only weekends count as days off. Add it to the calendar file.",
          day.getYear());
    }
    if (workdays.contains(day)) {
      return true;
    }
    if (holidays.contains(day)) {
      return false;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
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

  private static void addAll(Set<LocalDate> into, Object entry) {
    if (entry instanceof java.util.Date date) { // YAML reads a bare date as a timestamp at UTC midnight
      into.add(date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
      return;
    }
    String text = entry.toString();
    if (text.contains("..")) {
      String[] range = text.split("\\.\\.");
      for (LocalDate d = LocalDate.parse(range[0].strip()); !d.isAfter(LocalDate.parse(range[1].strip()));
          d = d.plusDays(1)) {
        into.add(d);
      }
    } else {
      into.add(LocalDate.parse(text.strip()));
    }
  }
}
