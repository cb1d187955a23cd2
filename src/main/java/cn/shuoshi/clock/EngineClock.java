package cn.shuoshi.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Now" as the engine sees it, in Beijing time. Every deadline and "today" is Asia/Shanghai whatever
 * zone the server runs in; the engine clock is used so that tests which move it see consistent dates.
 */
@Component
public class EngineClock {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public ZonedDateTime nowInBeijing() {
    return now().atZone(BEIJING);
  }

  public LocalDate today() {
    return nowInBeijing().toLocalDate();
  }

  /** The last second of {@code day} in Beijing: a deadline "by the 30th" means the whole 30th. */
  public static Date endOfDay(LocalDate day) {
    return Date.from(day.plusDays(1).atStartOfDay(BEIJING).minusSeconds(1).toInstant());
  }

  public static String display(Date date) {
    return date.toInstant().atZone(BEIJING).format(DISPLAY);
  }
}
