package cn.shuoshi.speakingday;

import cn.shuoshi.settings.ShuoshiSettings;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which day of the month each village holds its speaking meeting (说事日): the configured default
 * ({@code shuoshi.speaking-day.default-day-of-month}) unless the village has its own day in
 * {@code speaking_day_schedule}. A day beyond the month's end means the month's last day.
 */
@Component
public class SpeakingDaySchedule {

  private final JdbcTemplate jdbc;
  private final int defaultDay;

  public SpeakingDaySchedule(JdbcTemplate jdbc, ShuoshiSettings settings) {
    int defaultDay = settings.speakingDay().defaultDayOfMonth();
    this.jdbc = jdbc;
    this.defaultDay = defaultDay;
  }

  /** Every village with its day of the month, in code order. */
  public Map<String, Integer> days() {
    Map<String, Integer> days = new LinkedHashMap<>();
    jdbc.query("select u.code, s.day_of_month from org_unit u left join speaking_day_schedule s "
        + "on s.village_code = u.code where u.level = 'VILLAGE' and u.retired_at is null order by u.code", rs -> {
          String village = rs.getString(1);
          int day = rs.getInt(2);
          days.put(village, rs.wasNull() ? defaultDay : day);
        });
    return days;
  }

  /** The villages whose speaking day is {@code day}. */
  public List<String> villagesMeetingOn(LocalDate day) {
    return days().entrySet().stream()
        .filter(e -> Math.min(e.getValue(), day.lengthOfMonth()) == day.getDayOfMonth())
        .map(Map.Entry::getKey).toList();
  }

  public void setDay(String villageCode, int dayOfMonth) {
    if (jdbc.update("update speaking_day_schedule set day_of_month = ? where village_code = ?", dayOfMonth,
        villageCode) == 0) {
      jdbc.update("insert into speaking_day_schedule (village_code, day_of_month) values (?, ?)", villageCode,
          dayOfMonth);
    }
  }

  /** Back to the configured default. */
  public void clearDay(String villageCode) {
    jdbc.update("delete from speaking_day_schedule where village_code = ?", villageCode);
  }
}
