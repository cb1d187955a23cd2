package cn.shuoshi.resident;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.notify.Outbox;
import cn.shuoshi.settings.ShuoshiSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Text messages to the resident who raised an item (channel {@value #CHANNEL}), written to the outbox in the
 * step's transaction: on registration (the number and the private link), when the result is there, and
 * with the rating request. Only to a resident who gave a mobile number and did not refuse texts (不接收短信),
 * only while the channel is on; never between 21:00 and 08:00 Beijing time ({@link QuietHours}). The
 * recipient is {@code resident:<number>}: the phone is looked up when the message is delivered, never
 * written to the outbox or a log.
 */
@Component
public class ResidentTexts {

  public static final String CHANNEL = "SMS";
  public static final String REGISTERED = "RESIDENT_REGISTERED";
  public static final String RESULT = "RESIDENT_RESULT";
  public static final String RATING = "RESIDENT_RATING";
  /** The online registration's own request waits for the token it shows the resident (never kept elsewhere). */
  private static final ThreadLocal<String[]> CAPTURE = new ThreadLocal<>();
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private final ShuoshiSettings settings;
  private final Outbox outbox;
  private final LedgerRepository ledger;
  private final ResidentLinks links;
  private final EngineClock clock;

  public ResidentTexts(ShuoshiSettings settings, Outbox outbox, LedgerRepository ledger, ResidentLinks links,
      EngineClock clock) {
    this.settings = settings;
    this.outbox = outbox;
    this.ledger = ledger;
    this.links = links;
    this.clock = clock;
  }

  public static boolean isMobile(String phone) {
    return phone != null && MOBILE.matcher(phone.replaceAll("[\\s-]", "").replaceFirst("^\\+?86", "")).matches();
  }

  /** The page of a link: {@code <public-url>/r/<token>}. */
  public String linkOf(String token) {
    return settings.resident().publicUrl() + "/r/" + token;
  }

  /**
   * A new item: when its resident gave a mobile number and did not refuse texts, it gets its private link
   * and the resident is told the number and the link; registered online ({@link #capturingToken}), it gets
   * its link in any case (the page shows it). Returns the token, or null when there is no link.
   */
  public String registered(LedgerKey number, String title, String phone, boolean refused, String by) {
    boolean takesTexts = isMobile(phone) && !refused;
    ledger.recordResidentTexts(number, takesTexts, clock.now());
    String[] capture = CAPTURE.get();
    // Registered online, the resident sees the link at once: they get one even when they refused texts.
    if (!takesTexts && capture == null) {
      return null;
    }
    String token = links.issue(number.number(), by, clock.now());
    if (capture != null) {
      capture[0] = token;
    }
    if (!takesTexts) {
      return token;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("number", number.number());
    parameters.put("title", title);
    parameters.put("link", linkOf(token));
    send(number.number(), REGISTERED, number.number() + ":" + REGISTERED, parameters);
    return token;
  }

  /**
   * Runs {@code registration} and answers the token of the link it issued (null if none): the resident who
   * registered online sees their link at once.
   */
  public static String capturingToken(Runnable registration) {
    String[] capture = new String[1];
    CAPTURE.set(capture);
    try {
      registration.run();
      return capture[0];
    } finally {
      CAPTURE.remove();
    }
  }

  /** A new link a cadre issued: the resident gets it as at registration (when they take texts). */
  public void reissued(String number, String title, String token) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("number", number);
    parameters.put("title", title);
    parameters.put("link", linkOf(token));
    // Keyed by the new link (its stored hash, not the token): each new link is one message.
    send(number, REGISTERED, number + ":" + REGISTERED + ":" + ResidentLinks.hash(token).substring(0, 16), parameters);
  }

  /**
   * A message declared on a step ({@code notifyResident}): {@code template}, once per task ({@code taskId}:
   * a second round of rating asks again).
   */
  public void step(String number, String template, String taskId) {
    send(number, template, number + ":" + template + ":" + taskId, Map.of("number", number));
  }

  /** Whether the SMS channel is on ({@code shuoshi.notifications.channels}). */
  public boolean channelOn() {
    Boolean forced = switchedOn;
    return forced != null ? forced : settings.notifications().isOn(CHANNEL);
  }

  private volatile Boolean switchedOn;

  /**
   * Tests only: the channel on or off whatever the settings say (null: as configured), so that the suite
   * keeps one Spring context.
   */
  public void switchForTests(Boolean on) {
    this.switchedOn = on;
  }

  private void send(String number, String template, String key, Map<String, String> parameters) {
    if (!channelOn() || !ledger.residentTakesTexts(number)) {
      return;
    }
    outbox.enqueue("resident:" + key + ":" + CHANNEL, CHANNEL, "resident:" + number, template, parameters,
        clock.now(), QuietHours.notBefore(clock.now()));
  }
}
