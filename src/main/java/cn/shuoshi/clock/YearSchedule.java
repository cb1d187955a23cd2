package cn.shuoshi.clock;

import cn.shuoshi.api.InvalidRequestException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One year of the State Council's schedule (国务院办公厅关于某年部分节假日安排的通知): its public
 * holidays and the Saturdays and Sundays worked in exchange (调休). Written as entries such as
 * {@code 2027-01-01} or {@code 2027-02-05..2027-02-13} (an inclusive range), in the calendar file and in
 * the API alike.
 */
public record YearSchedule(int year, NavigableSet<LocalDate> holidays, NavigableSet<LocalDate> workdays) {

  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2099;
  /** More entries than days in a year is never a schedule, whatever it says. */
  static final int MAX_ENTRIES = 366;
  private static final String RANGE = "..";
  private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

  public YearSchedule {
    holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(holidays));
    workdays = Collections.unmodifiableNavigableSet(new TreeSet<>(workdays));
  }

  /** Monday to Friday unless a holiday, and the make-up Saturdays and Sundays. */
  public boolean isWorkingDay(LocalDate day) {
    if (workdays.contains(day)) {
      return true;
    }
    return !holidays.contains(day) && !isWeekend(day);
  }

  static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** The holidays as entries, consecutive days joined into ranges: what GET answers and PUT takes back. */
  public List<String> holidayEntries() {
    return entries(holidays);
  }

  public List<String> workdayEntries() {
    return entries(workdays);
  }

  /** The entries on one line, for the change record: {@code 2027-01-01, 2027-02-05..2027-02-13}. */
  static String text(List<String> entries) {
    return String.join(", ", entries);
  }

  static List<String> entries(SortedSet<LocalDate> days) {
    List<String> entries = new ArrayList<>();
    LocalDate first = null;
    LocalDate last = null;
    for (LocalDate day : days) {
      if (last != null && day.equals(last.plusDays(1))) {
        last = day;
        continue;
      }
      if (first != null) {
        entries.add(entry(first, last));
      }
      first = day;
      last = day;
    }
    if (first != null) {
      entries.add(entry(first, last));
    }
    return entries;
  }

  private static String entry(LocalDate first, LocalDate last) {
    return first.equals(last) ? first.toString() : first + RANGE + last;
  }

  /**
   * Reads and checks a year as an administrator (or the calendar file) wrote it: every date in that
   * year, no day both a holiday and a working day, working days only on Saturdays and Sundays, no day
   * listed twice. Every problem is named in Chinese, keyed by the entry ({@code holidays[2]}), in one
   * {@link InvalidRequestException}; nothing is half-accepted.
   */
  public static YearSchedule parse(int year, List<String> holidayEntries, List<String> workdayEntries) {
    Problems problems = new Problems();
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      problems.add("year", "年份应在" + FIRST_YEAR + "年到" + LAST_YEAR + "年之间");
      throw problems.exception();
    }
    if (holidayEntries == null || holidayEntries.isEmpty()) {
      problems.add("holidays", "“holidays”（节假日）不能为空：每年至少有元旦等法定节假日");
    }
    TreeMap<LocalDate, Integer> holidays = read(year, "holidays", "节假日", holidayEntries, problems);
    TreeMap<LocalDate, Integer> workdays = read(year, "workdays", "调休上班日", workdayEntries, problems);
    Map<Integer, List<LocalDate>> notWeekend = new TreeMap<>();
    Map<Integer, List<LocalDate>> alsoHoliday = new TreeMap<>();
    workdays.forEach((day, index) -> {
      if (!isWeekend(day)) {
        notWeekend.computeIfAbsent(index, i -> new ArrayList<>()).add(day);
      }
      if (holidays.containsKey(day)) {
        alsoHoliday.computeIfAbsent(index, i -> new ArrayList<>()).add(day);
      }
    });
    notWeekend.forEach((index, days) -> problems.add("workdays[" + index + "]", "调休上班日第" + (index + 1) + "项中的 "
        + list(days, true) + " 不是周六或周日：调休上班日只能是周末"));
    alsoHoliday.forEach((index, days) -> problems.add("workdays[" + index + "]", "调休上班日第" + (index + 1) + "项中的 "
        + list(days, false) + " 同时列为节假日：一天不能既放假又上班"));
    if (!problems.isEmpty()) {
      throw problems.exception();
    }
    return new YearSchedule(year, holidays.navigableKeySet(), workdays.navigableKeySet());
  }

  /** Each day of the entries, with the index of the entry that first listed it. */
  private static TreeMap<LocalDate, Integer> read(int year, String field, String label, List<String> entries,
      Problems problems) {
    TreeMap<LocalDate, Integer> days = new TreeMap<>();
    if (entries == null) {
      return days;
    }
    if (entries.size() > MAX_ENTRIES) {
      problems.add(field, "“" + field + "”（" + label + "）最多" + MAX_ENTRIES + "项");
      return days;
    }
    for (int i = 0; i < entries.size(); i++) {
      String key = field + "[" + i + "]";
      String where = label + "第" + (i + 1) + "项";
      String entry = entries.get(i) == null ? "" : entries.get(i).strip();
      if (entry.isEmpty()) {
        problems.add(key, where + "为空");
        continue;
      }
      LocalDate first;
      LocalDate last;
      try {
        int range = entry.indexOf(RANGE);
        first = LocalDate.parse(range < 0 ? entry : entry.substring(0, range).strip());
        last = range < 0 ? first : LocalDate.parse(entry.substring(range + RANGE.length()).strip());
      } catch (DateTimeParseException e) {
        problems.add(key, where + "“" + clip(entry) + "”不是日期：应写作 " + year + "-01-01，连续几天写作 " + year
            + "-02-05.." + year + "-02-13");
        continue;
      }
      if (last.isBefore(first)) {
        problems.add(key, where + "“" + entry + "”的结束日期早于开始日期");
        continue;
      }
      if (first.getYear() != year || last.getYear() != year) {
        problems.add(key, where + "“" + entry + "”" + (first.getYear() == last.getYear() ? "" : "有日期") + "不在"
            + year + "年内");
        continue;
      }
      List<LocalDate> twice = new ArrayList<>();
      Integer earlier = null;
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        Integer before = days.putIfAbsent(day, i);
        if (before != null) {
          twice.add(day);
          earlier = earlier == null ? before : earlier;
        }
      }
      if (!twice.isEmpty()) {
        problems.add(key, where + "中的 " + list(twice, false) + " 已在第" + (earlier + 1) + "项中列出：同一天不应重复列出");
      }
    }
    return days;
  }

  private static String list(List<LocalDate> days, boolean withWeekday) {
    List<String> shown = new ArrayList<>();
    for (LocalDate day : days.subList(0, Math.min(days.size(), 5))) {
      shown.add(withWeekday ? day + "（" + WEEKDAYS[day.getDayOfWeek().getValue() - 1] + "）" : day.toString());
    }
    return String.join("、", shown) + (days.size() > 5 ? " 等" + days.size() + "天" : "");
  }

  private static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** The problems found so far, several per entry joined into one message. */
  private static final class Problems {
    private final Map<String, String> byField = new LinkedHashMap<>();

    void add(String field, String message) {
      byField.merge(field, message, (a, b) -> a + "；" + b);
    }

    boolean isEmpty() {
      return byField.isEmpty();
    }

    InvalidRequestException exception() {
      return new InvalidRequestException(byField);
    }
  }
}
