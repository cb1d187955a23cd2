package cn.shuoshi.settings;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the service ({@code shuoshi.*}), with its default in application.yaml, not in code;
 * checked once at start, so a wrong value stops the service with a message naming the property.
 * Other packages take the part they need from this record.
 */
@ConfigurationProperties("shuoshi")
public record ShuoshiSettings(
    Security security,
    Http http,
    Organisation organisation,
    Calendar calendar,
    Escalation escalation,
    Intake intake,
    SpeakingDay speakingDay,
    CloseOut closeOut,
    Attachments attachments) {

  public ShuoshiSettings {
    require(security != null && http != null && organisation != null && calendar != null && escalation != null
        && intake != null && speakingDay != null && closeOut != null && attachments != null, "shuoshi.* must be complete (application.yaml)");
  }

  /** Accounts (等保 2.0 level 2): the rules security.account applies. */
  public record Security(int loginAttempts, Duration lockDuration, int passwordMinLength, int passwordHistory,
      boolean passwordChangeAtFirstLogin) {
    public Security {
      require(loginAttempts >= 1, "shuoshi.security.login-attempts must be at least 1");
      require(lockDuration != null && !lockDuration.isNegative() && !lockDuration.isZero(), "shuoshi.security.lock-duration must be positive");
      require(passwordMinLength >= 1, "shuoshi.security.password-min-length must be at least 1");
      require(passwordHistory >= 1, "shuoshi.security.password-history must be at least 1");
    }
  }

  /** The largest request body accepted by the service's API and by the engine REST API. */
  public record Http(long maxApiBodyBytes, long maxEngineRestBodyBytes) {
    public Http {
      require(maxApiBodyBytes > 0 && maxEngineRestBodyBytes > 0, "shuoshi.http.max-*-body-bytes must be positive");
    }
  }

  /** A directory whose units and cadres files are imported at every start; empty: none. */
  public record Organisation(String dir) {}

  /** The calendar file that seeds the years a new database lacks. */
  public record Calendar(String location) {
    public Calendar {
      require(location != null && !location.isBlank(), "shuoshi.calendar.location must name a file");
    }
  }

  /** Working days an unfinished item stays with its unit after its deadline before it is escalated. */
  public record Escalation(int graceWorkingDays) {
    public Escalation {
      require(graceWorkingDays >= 0, "shuoshi.escalation.grace-working-days must not be negative");
    }
  }

  /** Days the two-committee meeting has to classify a new item. */
  public record Intake(int classifyDays) {
    public Intake {
      require(classifyDays >= 1, "shuoshi.intake.classify-days must be at least 1");
    }
  }

  /** The monthly speaking day of a village without its own day. */
  public record SpeakingDay(int defaultDayOfMonth) {
    public SpeakingDay {
      require(defaultDayOfMonth >= 1 && defaultDayOfMonth <= 31,
          "shuoshi.speaking-day.default-day-of-month must be 1..31, is " + defaultDayOfMonth);
    }
  }

  /** The day of every month finished items are closed out (销号). */
  public record CloseOut(int dayOfMonth) {
    public CloseOut {
      require(dayOfMonth >= 1 && dayOfMonth <= 31, "shuoshi.close-out.day-of-month must be 1..31, is " + dayOfMonth);
    }
  }

  /** Photos and documents of an item: the largest file, and how many an item may have. */
  public record Attachments(DataSize maxFileSize, int maxPerItem) {
    public Attachments {
      require(maxFileSize != null && maxFileSize.toBytes() > 0, "shuoshi.attachments.max-file-size must be positive");
      require(maxPerItem >= 1, "shuoshi.attachments.max-per-item must be at least 1");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
