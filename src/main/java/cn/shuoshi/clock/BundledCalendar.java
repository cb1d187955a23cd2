package cn.shuoshi.clock;

import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.audit.Door;
import cn.shuoshi.audit.Origin;
import cn.shuoshi.settings.ShuoshiSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The calendar file of the release ({@code shuoshi.calendar.location}, by default
 * {@code calendar/cn-working-days.yaml}): at start, each year in it that the database does not have yet
 * is stored there. A year the database has is never read from the file again, so an administrator's
 * correction outlives restarts and releases. A file that breaks the rules of {@link YearSchedule}
 * stops the start, naming each problem.
 */
@Component("bundledCalendar")
public class BundledCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(BundledCalendar.class);

  private final CalendarStore store;
  private final Resource file;
  private final EngineClock clock;

  public BundledCalendar(CalendarStore store, EngineClock clock, ShuoshiSettings settings, ResourceLoader resources) {
    this.store = store;
    this.clock = clock;
    this.file = resources.getResource(settings.calendar().location());
    seedMissingYears();
  }

  /** Stores the file's years the database does not have; answers the years stored. */
  public List<Integer> seedMissingYears() {
    Map<Integer, YearSchedule> years = read(file);
    Set<Integer> known = store.versions().keySet();
    List<Integer> added = new ArrayList<>();
    for (YearSchedule year : years.values()) {
      if (!known.contains(year.year())
          && store.addIfAbsent(year, Origin.SYSTEM, Door.SYSTEM, CalendarStore.Source.BUNDLED, clock.now())) {
        added.add(year.year());
      }
    }
    if (!added.isEmpty()) {
      LOG.info("Working-day calendar: the years {} loaded from {}", added, file.getDescription());
    }
    return added;
  }

  /** The years of a calendar file, checked. */
  static Map<Integer, YearSchedule> read(Resource file) {
    Map<Integer, YearSchedule> years = new TreeMap<>();
    try (InputStream in = file.getInputStream()) {
      Map<Object, Map<String, List<Object>>> byYear = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (byYear == null) {
        return years;
      }
      byYear.forEach((key, days) -> {
        int year = Integer.parseInt(key.toString());
        Map<String, List<Object>> lists = days == null ? Map.of() : days;
        try {
          years.put(year, YearSchedule.parse(year, texts(lists.get("holidays")), texts(lists.get("workdays"))));
        } catch (InvalidRequestException e) {
          throw new IllegalStateException("The working-day calendar " + file.getDescription() + " is wrong for "
              + year + ": " + e.getMessage());
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the working-day calendar " + file, e);
    }
    return years;
  }

  private static List<String> texts(List<Object> entries) {
    if (entries == null) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (Object entry : entries) {
      // YAML reads a bare date as a timestamp at UTC midnight.
      texts.add(entry instanceof java.util.Date date
          ? date.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString()
          : entry == null ? null : entry.toString());
    }
    return texts;
  }
}
