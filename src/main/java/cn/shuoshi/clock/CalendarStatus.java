package cn.shuoshi.clock;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Whether the calendar has the years the service is about to count in: this year always, next year
 * from 1 November (Beijing time, engine clock) — the State Council publishes it late in the year and a
 * county must load it before deadlines reach into it. Read by {@code /actuator/health} (component
 * {@code workingCalendar}), {@code GET /api/calendar/status} and the Admin app's start page.
 */
@Component
public class CalendarStatus {

  /** From this day on, next year's schedule is expected. */
  static final MonthDay NEXT_YEAR_EXPECTED = MonthDay.of(11, 1);

  /** What an administrator needs to know, in Chinese in {@code message}. */
  public record Status(LocalDate today, List<Integer> loadedYears, int currentYear, boolean currentYearLoaded,
      int nextYear, boolean nextYearLoaded, List<Integer> missingYears, boolean warning, String message) {}

  private final CalendarStore store;
  private final EngineClock clock;

  public CalendarStatus(CalendarStore store, EngineClock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Status now() {
    LocalDate today = clock.today();
    List<Integer> loaded = new ArrayList<>(store.versions().keySet());
    int year = today.getYear();
    boolean current = loaded.contains(year);
    boolean next = loaded.contains(year + 1);
    List<Integer> missing = new ArrayList<>();
    if (!current) {
      missing.add(year);
    }
    if (!next && !MonthDay.from(today).isBefore(NEXT_YEAR_EXPECTED)) {
      missing.add(year + 1);
    }
    return new Status(today, loaded, year, current, year + 1, next, missing, !missing.isEmpty(),
        message(loaded, missing));
  }

  private static String message(List<Integer> loaded, List<Integer> missing) {
    if (missing.isEmpty()) {
      return "工作日历已录入" + years(loaded) + "的节假日和调休安排。";
    }
    String named = years(missing);
    return named + "的节假日和调休安排尚未录入工作日历。录入前，落在" + named + "的办理期限只按周六、周日休息计算，"
        + "可能有误，相关事项的台账会注明。请系统管理员在国务院办公厅公布安排后及时录入"
        + missing.stream().map(y -> "（PUT /api/calendar/" + y + "）").collect(Collectors.joining("")) + "。";
  }

  private static String years(List<Integer> years) {
    return years.isEmpty() ? "（无）" : years.stream().map(y -> y + "年").collect(Collectors.joining("、"));
  }
}
