package cn.shuoshi.resident;

import cn.shuoshi.clock.EngineClock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * No text message reaches a resident between 21:00 and 08:00 Beijing time: a message written then is held
 * until 08:00 (its outbox row's first {@code next_attempt_at}).
 */
public final class QuietHours {

  static final LocalTime START = LocalTime.of(21, 0);
  static final LocalTime END = LocalTime.of(8, 0);

  private QuietHours() {}

  /** The first moment a message written at {@code now} may be delivered. */
  public static Instant notBefore(Instant now) {
    ZonedDateTime beijing = now.atZone(EngineClock.BEIJING);
    LocalTime time = beijing.toLocalTime();
    if (!time.isBefore(START)) {
      return beijing.toLocalDate().plusDays(1).atTime(END).atZone(EngineClock.BEIJING).toInstant();
    }
    if (time.isBefore(END)) {
      return beijing.toLocalDate().atTime(END).atZone(EngineClock.BEIJING).toInstant();
    }
    return now;
  }
}
