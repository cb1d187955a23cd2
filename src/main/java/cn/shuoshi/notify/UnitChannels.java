package cn.shuoshi.notify;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where each unit's group robots are ({@code unit_channel}): set by administrators, read when a message
 * is written (is the unit on a channel at all?) and when it is sent (the webhook and secret are read
 * then, never copied into the outbox).
 */
@Repository
public class UnitChannels {

  /** One unit's robot on one channel. */
  public record Robot(String unitCode, String channel, String webhookUrl, String secret, OffsetDateTime updatedAt,
      String updatedBy) {

    /** The webhook without its key or token: what administrators are shown. */
    public String maskedWebhook() {
      return mask(webhookUrl);
    }

    @Override
    public String toString() {
      return unitCode + " " + channel + " " + maskedWebhook();
    }
  }

  private final JdbcTemplate jdbc;

  public UnitChannels(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The channels among {@code channels} that {@code unit} has a robot on. */
  public List<String> channelsOf(String unit, Collection<String> channels) {
    if (channels.isEmpty()) {
      return List.of();
    }
    String marks = channels.stream().map(c -> "?").collect(Collectors.joining(","));
    Object[] args = new Object[channels.size() + 1];
    args[0] = unit;
    int i = 1;
    for (String channel : channels) {
      args[i++] = channel;
    }
    return jdbc.queryForList("select channel from unit_channel where unit_code = ? and channel in (" + marks
        + ") order by channel", String.class, args);
  }

  public Optional<Robot> find(String unit, String channel) {
    return jdbc.query("select unit_code, channel, webhook_url, secret, updated_at, updated_by from unit_channel "
        + "where unit_code = ? and channel = ?", (rs, n) -> new Robot(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6)), unit, channel)
        .stream().findFirst();
  }

  public List<Robot> of(String unit) {
    return jdbc.query("select unit_code, channel, webhook_url, secret, updated_at, updated_by from unit_channel "
        + "where unit_code = ? order by channel", (rs, n) -> new Robot(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6)), unit);
  }

  /** Sets (or replaces) the unit's robot on the channel. */
  public void put(String unit, String channel, String webhookUrl, String secret, String by, Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    if (jdbc.update("update unit_channel set webhook_url = ?, secret = ?, updated_at = ?, updated_by = ? "
        + "where unit_code = ? and channel = ?", webhookUrl, secret, at, by, unit, channel) == 0) {
      jdbc.update("insert into unit_channel (unit_code, channel, webhook_url, secret, updated_at, updated_by) "
          + "values (?,?,?,?,?,?)", unit, channel, webhookUrl, secret, at, by);
    }
  }

  public boolean remove(String unit, String channel) {
    return jdbc.update("delete from unit_channel where unit_code = ? and channel = ?", unit, channel) > 0;
  }

  /** {@code https://host/path?key=***}: the query's values are the robot's credentials. */
  static String mask(String webhook) {
    try {
      URI uri = URI.create(webhook);
      String query = uri.getRawQuery();
      String masked = query == null ? "" : "?" + java.util.Arrays.stream(query.split("&"))
          .map(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) + "=***" : p).collect(Collectors.joining("&"));
      return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()) + masked;
    } catch (IllegalArgumentException e) {
      return "***";
    }
  }
}
