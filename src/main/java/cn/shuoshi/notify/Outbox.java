package cn.shuoshi.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox ({@code notification_outbox}): one row per message, channel and recipient.
 *
 * <p><b>Written with the step.</b> {@link #enqueue} runs inside the engine command of the step that causes
 * the message, on the engine's DataSource and transaction (as the ledger's writes do): a step that rolls
 * back leaves no message, and a message that was written survives a node's death or a database restart.
 * The idempotency key is unique: the same message for the same channel and recipient is one row, however
 * often the step that writes it runs.
 *
 * <p><b>Claimed before it is sent.</b> A worker claims due messages in a transaction of their own: it
 * moves each one's {@code next_attempt_at} a lease ahead and counts the attempt, with an update that only
 * succeeds while the row is still due — on PostgreSQL after {@code select … for update skip locked}, on H2
 * by that conditional update alone. A claimed message is not due for any other worker until the lease ends,
 * so two nodes (or one worker run twice) never send it both. The result is written afterwards, only if the
 * row still holds the claim's attempt.
 *
 * <p><b>The double-send window.</b> A node that dies after the provider took a message but before it marked
 * it SENT leaves it claimed; when the lease ends it is due again and is sent a second time (the robots'
 * APIs take no idempotency key of ours). Each node's worker has one message in flight at a time, so a
 * node's death doubles at most one message (the cluster test, case 4). The other way is a provider that
 * took a message but whose answer was lost or came after the timeout: a failed attempt, retried. A node
 * that dies before sending loses nothing: the message is sent when the lease ends.
 */
@Repository
public class Outbox {

  public enum State { PENDING, SENT, FAILED }

  /** A message as the outbox holds it. */
  public record Message(long id, String idempotencyKey, String channel, String recipient, String templateId,
      Map<String, String> parameters, OffsetDateTime createdAt, State state, int attempts,
      OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime sentAt) {}

  private static final String COLUMNS = "id, idempotency_key, channel, recipient, template_id, template_params, "
      + "created_at, state, attempts, next_attempt_at, last_error, sent_at";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate ownTransaction;
  private final boolean postgres;

  public Outbox(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.postgres = "PostgreSQL".equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()));
  }

  /**
   * Writes a message in the caller's transaction (the step's), unless a message with the same key is
   * already there.
   *
   * @return whether a row was written
   */
  public boolean enqueue(String idempotencyKey, String channel, String recipient, String templateId,
      Map<String, String> parameters, Instant now) {
    return enqueue(idempotencyKey, channel, recipient, templateId, parameters, now, now);
  }

  /**
   * As {@link #enqueue(String, String, String, String, Map, Instant)}, not delivered before {@code notBefore}
   * (a resident's quiet hours): the row's first {@code next_attempt_at}, which every worker's claim respects.
   */
  public boolean enqueue(String idempotencyKey, String channel, String recipient, String templateId,
      Map<String, String> parameters, Instant now, Instant notBefore) {
    OffsetDateTime at = at(now);
    OffsetDateTime due = at(notBefore.isAfter(now) ? notBefore : now);
    String params = write(parameters);
    String insert = "insert into notification_outbox (idempotency_key, channel, recipient, template_id, "
        + "template_params, created_at, state, attempts, next_attempt_at) values (?,?,?,?,?,?,?,0,?)";
    Object[] args = {idempotencyKey, channel, recipient, templateId, params, at, State.PENDING.name(), due};
    if (postgres) {
      // Another transaction that wrote the same key meanwhile must not abort the step's transaction.
      return jdbc.update(insert + " on conflict (idempotency_key) do nothing", args) > 0;
    }
    // H2 (one node, the demo and the tests): look first; a concurrent writer of the same key would fail
    // its step on the unique key, which the engine treats as any lost race.
    Integer there = jdbc.queryForObject("select count(*) from notification_outbox where idempotency_key = ?",
        Integer.class, idempotencyKey);
    return there != null && there == 0 && jdbc.update(insert, args) > 0;
  }

  /** A claimed message: its row and the attempt this claim is. */
  public record Claim(Message message, int attempt) {}

  /**
   * Claims up to {@code limit} pending messages of {@code channels} that are due at {@code now}, in a
   * transaction of its own: each is not due again before {@code leaseUntil}, and its attempt is counted.
   */
  public List<Claim> claimDue(List<String> channels, Instant now, Instant leaseUntil, int limit) {
    if (channels.isEmpty()) {
      return List.of();
    }
    String marks = channels.stream().map(c -> "?").collect(Collectors.joining(","));
    List<Claim> claimed = ownTransaction.execute(status -> {
      List<Object> args = new ArrayList<>();
      args.add(State.PENDING.name());
      args.add(at(now));
      args.addAll(channels);
      List<Message> due = jdbc.query("select " + COLUMNS + " from notification_outbox where state = ? "
          + "and next_attempt_at <= ? and channel in (" + marks + ") order by next_attempt_at, id "
          + "limit " + limit + (postgres ? " for update skip locked" : ""), this::map, args.toArray());
      List<Claim> mine = new ArrayList<>();
      for (Message m : due) {
        int won = jdbc.update("update notification_outbox set attempts = attempts + 1, next_attempt_at = ? "
                + "where id = ? and state = ? and attempts = ? and next_attempt_at <= ?",
            at(leaseUntil), m.id(), State.PENDING.name(), m.attempts(), at(now));
        if (won == 1) {
          mine.add(new Claim(m, m.attempts() + 1));
        }
      }
      return mine;
    });
    return claimed == null ? List.of() : claimed;
  }

  /**
   * The parameter that carries a resident's private link ({@code resident.ResidentTexts}): whoever reads it
   * can rate in the resident's name. It is in the outbox only until the message is done with — blanked
   * ({@value #LINK_SENT}, {@value #LINK_WITHHELD}) in the same update that marks it SENT or FAILED — and
   * never answered to anybody ({@code /api/notifications} masks it).
   */
  public static final String LINK = "link";
  public static final String LINK_SENT = "（已发送）";
  public static final String LINK_WITHHELD = "（未能发送，链接已隐去）";

  /** The provider took it: SENT, if the row still holds this claim; a private link in it is blanked. */
  public boolean markSent(Claim claim, Instant now) {
    return jdbc.update("update notification_outbox set state = ?, sent_at = ?, last_error = null, "
            + "template_params = ? where id = ? and state = ? and attempts = ?", State.SENT.name(), at(now),
        withoutLink(claim.message(), LINK_SENT), claim.message().id(), State.PENDING.name(), claim.attempt()) == 1;
  }

  /** The stored parameters, the private link (if any) replaced by {@code instead}. */
  private String withoutLink(Message message, String instead) {
    if (!message.parameters().containsKey(LINK)) {
      return write(message.parameters());
    }
    Map<String, String> blanked = new java.util.LinkedHashMap<>(message.parameters());
    blanked.put(LINK, instead);
    return write(blanked);
  }

  /** Not taken: due again at {@code retryAt}, or FAILED (a private link blanked) when {@code retryAt} is null. */
  public boolean markNotSent(Claim claim, String error, Instant retryAt) {
    String shortError = error == null ? null : error.length() <= 300 ? error : error.substring(0, 300);
    if (retryAt == null) {
      return jdbc.update("update notification_outbox set state = ?, last_error = ?, template_params = ? where id = ? "
          + "and state = ? and attempts = ?", State.FAILED.name(), shortError,
          withoutLink(claim.message(), LINK_WITHHELD), claim.message().id(), State.PENDING.name(),
          claim.attempt()) == 1;
    }
    return jdbc.update("update notification_outbox set next_attempt_at = ?, last_error = ? where id = ? "
        + "and state = ? and attempts = ?", at(retryAt), shortError, claim.message().id(), State.PENDING.name(),
        claim.attempt()) == 1;
  }

  /** A FAILED message is pending again, due now, with its attempts counted afresh. */
  public boolean retry(long id, Instant now) {
    return jdbc.update("update notification_outbox set state = ?, attempts = 0, next_attempt_at = ? "
        + "where id = ? and state = ?", State.PENDING.name(), at(now), id, State.FAILED.name()) == 1;
  }

  public Optional<Message> find(long id) {
    return jdbc.query("select " + COLUMNS + " from notification_outbox where id = ?", this::map, id).stream()
        .findFirst();
  }

  /** The newest messages, of one state or all, at most {@code limit}. */
  public List<Message> list(State state, int limit) {
    return state == null
        ? jdbc.query("select " + COLUMNS + " from notification_outbox order by id desc limit " + limit, this::map)
        : jdbc.query("select " + COLUMNS + " from notification_outbox where state = ? order by id desc limit "
            + limit, this::map, state.name());
  }

  private String write(Map<String, String> parameters) {
    try {
      return json.writeValueAsString(parameters);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("template parameters", e);
    }
  }

  private Map<String, String> read(String parameters) {
    try {
      return json.readValue(parameters, new TypeReference<Map<String, String>>() { });
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private Message map(ResultSet rs, int row) throws SQLException {
    return new Message(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("channel"),
        rs.getString("recipient"), rs.getString("template_id"), read(rs.getString("template_params")),
        rs.getObject("created_at", OffsetDateTime.class), State.valueOf(rs.getString("state")),
        rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
        rs.getObject("sent_at", OffsetDateTime.class));
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
