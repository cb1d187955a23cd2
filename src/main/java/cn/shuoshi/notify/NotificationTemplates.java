package cn.shuoshi.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The messages' words ({@code notification_template}), in Chinese, with the placeholders {@code {number}},
 * {@code {title}}, {@code {village}}, {@code {deadline}}; seeded by the migration, edited by administrators.
 * A message is rendered when it is sent, so an edit applies to messages still waiting.
 */
@Repository
public class NotificationTemplates {

  /** New work on a unit's desk, told to the unit's group robots. */
  public static final String NEW_WORK = "NEW_WORK";
  /** The handler, before the deadline (催办). */
  public static final String REMINDER = "REMINDER";
  /** The handler, when the deadline passed. */
  public static final String OVERDUE = "OVERDUE";
  /** The town's supervisors: an overdue item to supervise (督办). */
  public static final String SUPERVISE = "SUPERVISE";
  /** The handler: the supervisors gave their supervision order. */
  public static final String SUPERVISED = "SUPERVISED";
  /** The town's supervisors: still unfinished after the grace, flagged for public notice and escalated (通报). */
  public static final String PUBLIC_NOTICE = "PUBLIC_NOTICE";
  /** The handler: a supervisor urged them by hand (催办). */
  public static final String URGED = "URGED";

  public static final Set<String> PLACEHOLDERS = Set.of("number", "title", "village", "deadline");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  public record Template(String id, String body, OffsetDateTime updatedAt, String updatedBy) {}

  private final JdbcTemplate jdbc;

  public NotificationTemplates(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Template> all() {
    return jdbc.query("select id, body, updated_at, updated_by from notification_template order by id",
        (rs, n) -> new Template(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
            rs.getString(4)));
  }

  public Optional<Template> find(String id) {
    return all().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public boolean update(String id, String body, String by, Instant now) {
    return jdbc.update("update notification_template set body = ?, updated_at = ?, updated_by = ? where id = ?",
        body, now.atOffset(ZoneOffset.UTC), by, id) > 0;
  }

  /** The placeholders in {@code body} that no message fills (a typo would reach every group as is). */
  public static List<String> unknownPlaceholders(String body) {
    Matcher m = PLACEHOLDER.matcher(body);
    java.util.ArrayList<String> unknown = new java.util.ArrayList<>();
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        unknown.add(m.group());
      }
    }
    return unknown;
  }

  /** {@code body} with each known placeholder replaced by its parameter (empty when missing). */
  public static String render(String body, Map<String, String> parameters) {
    Matcher m = PLACEHOLDER.matcher(body);
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = PLACEHOLDERS.contains(name) ? parameters.getOrDefault(name, "") : m.group();
      m.appendReplacement(text, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(text);
    return text.toString();
  }
}
