package cn.shuoshi.settings;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

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
    Attachments attachments,
    Notify notifications,
    Resident resident) {

  @ConstructorBinding
  public ShuoshiSettings {
    // Not configured at all: every channel off, the service runs as before messages existed.
    notifications = notifications == null ? Notify.OFF : notifications;
    resident = resident == null ? Resident.DEFAULTS : resident;
    require(security != null && http != null && organisation != null && calendar != null && escalation != null
        && intake != null && speakingDay != null && closeOut != null && attachments != null, "shuoshi.* must be complete (application.yaml)");
  }

  /** Without the resident's page settings (its defaults). */
  public ShuoshiSettings(Security security, Http http, Organisation organisation, Calendar calendar,
      Escalation escalation, Intake intake, SpeakingDay speakingDay, CloseOut closeOut, Attachments attachments,
      Notify notifications) {
    this(security, http, organisation, calendar, escalation, intake, speakingDay, closeOut, attachments,
        notifications, null);
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

  /**
   * Messages (notify): the channels switched on ({@code WECOM}, {@code DINGTALK} group robots, {@code SMS},
   * {@code EMAIL}, {@code INBOX} the cadres' own notices in the Tasklist; none by default: nothing is written
   * or sent), how often a node looks for due messages (zero: never by
   * itself — the tests call the worker), how many attempts a message gets, the wait after the first
   * failure (doubled after each further one, at most {@code maxRetryDelay}), the providers' addresses a
   * unit's webhook must be on, how long one delivery may take, and the SMS provider and the SMTP server.
   */
  public record Notify(java.util.List<String> channels, Duration pollInterval, int maxAttempts,
      Duration firstRetryDelay, Duration maxRetryDelay, Duration timeout, String wecomUrl, String dingtalkUrl,
      Sms sms, Mail mail) {

    /** Every channel this service knows: the group robots, SMS, e-mail and the Tasklist's own notices (站内信). */
    public static final java.util.List<String> KNOWN = java.util.List.of("WECOM", "DINGTALK", "SMS", "EMAIL", "INBOX");

    public static final Notify OFF = new Notify(null, null, 0, null, null, null, null, null, null, null);

    public Notify {
      channels = channels == null ? java.util.List.of()
          : channels.stream().map(c -> c.trim().toUpperCase(java.util.Locale.ROOT)).filter(c -> !c.isEmpty()).toList();
      channels.forEach(c -> require(KNOWN.contains(c),
          "shuoshi.notifications.channels knows " + String.join(", ", KNOWN) + ", not " + c));
      sms = sms == null ? Sms.NONE : sms;
      mail = mail == null ? Mail.NONE : mail;
      if (channels.contains("SMS")) {
        require(sms.isConfigured(), "shuoshi.notifications.sms needs access-key-id, access-key-secret and sign-name "
            + "when SMS is on");
      }
      if (channels.contains("EMAIL")) {
        require(mail.isConfigured(), "shuoshi.notifications.mail needs host and from when EMAIL is on");
      }
      pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
      maxAttempts = maxAttempts == 0 ? 8 : maxAttempts;
      firstRetryDelay = firstRetryDelay == null ? Duration.ofMinutes(1) : firstRetryDelay;
      maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(1) : maxRetryDelay;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
      wecomUrl = wecomUrl == null || wecomUrl.isBlank() ? "https://qyapi.weixin.qq.com" : wecomUrl.strip();
      dingtalkUrl = dingtalkUrl == null || dingtalkUrl.isBlank() ? "https://oapi.dingtalk.com" : dingtalkUrl.strip();
      require(!pollInterval.isNegative(), "shuoshi.notifications.poll-interval must not be negative");
      require(maxAttempts >= 1, "shuoshi.notifications.max-attempts must be at least 1");
      require(firstRetryDelay.toMillis() > 0 && maxRetryDelay.compareTo(firstRetryDelay) >= 0,
          "shuoshi.notifications.first-retry-delay must be positive and not above max-retry-delay");
      require(timeout.toMillis() > 0, "shuoshi.notifications.timeout must be positive");
    }

    public boolean isOn(String channel) {
      return channels.contains(channel);
    }
  }

  /**
   * SMS through Alibaba Cloud SMS (阿里云短信, {@code SendSms}, RPC style, signature version 1.0): the
   * endpoint (tests point it at a stand-in), the AccessKey pair, the approved signature (签名), and per
   * message template ({@code notification_template.id}) the approved SMS template's code. A template
   * without a code is not sent by SMS (FAILED, visible). {@link #toString()} names no secret.
   */
  public record Sms(String endpoint, String accessKeyId, String accessKeySecret, String signName,
      java.util.Map<String, String> templateCodes) {

    public static final Sms NONE = new Sms(null, null, null, null, null);

    public Sms {
      endpoint = endpoint == null || endpoint.isBlank() ? "https://dysmsapi.aliyuncs.com/" : endpoint.strip();
      templateCodes = templateCodes == null ? java.util.Map.of() : java.util.Map.copyOf(templateCodes);
    }

    public boolean isConfigured() {
      return accessKeyId != null && !accessKeyId.isBlank() && accessKeySecret != null && !accessKeySecret.isBlank()
          && signName != null && !signName.isBlank();
    }

    @Override
    public String toString() {
      return "Sms[" + endpoint + ", " + signName + ", " + templateCodes + "]";
    }
  }

  /**
   * E-mail over SMTP to cadres with an e-mail address in their profile: the server, its port, the account
   * (optional), the sender, and how the connection is protected ({@code starttls}: required STARTTLS,
   * {@code ssl}: SMTPS, {@code none}: plain, loopback tests only). {@link #toString()} names no password.
   */
  public record Mail(String host, int port, String username, String password, String from, String security) {

    public static final Mail NONE = new Mail(null, 0, null, null, null, null);

    public Mail {
      port = port == 0 ? 465 : port;
      security = security == null || security.isBlank() ? "ssl" : security.strip().toLowerCase(java.util.Locale.ROOT);
      require(java.util.List.of("ssl", "starttls", "none").contains(security),
          "shuoshi.notifications.mail.security is ssl, starttls or none");
    }

    public boolean isConfigured() {
      return host != null && !host.isBlank() && from != null && !from.isBlank();
    }

    @Override
    public String toString() {
      return "Mail[" + host + ":" + port + ", " + from + ", " + security + "]";
    }
  }

  /**
   * The resident's page (/r/…): where its links point ({@code publicUrl}, the address residents reach the
   * service at), how long an item waits for the resident's rating before it closes unrated, requests per
   * minute per address and per link, online registrations per day per address and per phone, and the
   * shortest time a person takes to fill in the registration form.
   */
  public record Resident(String publicUrl, Duration ratingWait, int requestsPerMinute, int registrationsPerIpPerDay,
      int registrationsPerPhonePerDay, Duration shortestFormTime) {

    public static final Resident DEFAULTS = new Resident(null, null, 0, 0, 0, null);

    public Resident {
      publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip();
      while (publicUrl.endsWith("/")) {
        publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
      }
      ratingWait = ratingWait == null ? Duration.ofDays(10) : ratingWait;
      requestsPerMinute = requestsPerMinute == 0 ? 30 : requestsPerMinute;
      registrationsPerIpPerDay = registrationsPerIpPerDay == 0 ? 5 : registrationsPerIpPerDay;
      registrationsPerPhonePerDay = registrationsPerPhonePerDay == 0 ? 3 : registrationsPerPhonePerDay;
      shortestFormTime = shortestFormTime == null ? Duration.ofSeconds(5) : shortestFormTime;
      require(ratingWait.toMinutes() >= 1, "shuoshi.resident.rating-wait must be at least a minute");
      require(requestsPerMinute >= 1, "shuoshi.resident.requests-per-minute must be at least 1");
      require(registrationsPerIpPerDay >= 1 && registrationsPerPhonePerDay >= 1,
          "shuoshi.resident.registrations-per-*-per-day must be at least 1");
      require(!shortestFormTime.isNegative(), "shuoshi.resident.shortest-form-time must not be negative");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
