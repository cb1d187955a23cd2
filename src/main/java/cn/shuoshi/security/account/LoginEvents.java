package cn.shuoshi.security.account;

import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The login log: one application log line and one {@code login_event} row per failed login, per lock,
 * per refusal of a locked account and per successful login at the webapps' login page. Successful
 * HTTP Basic calls are not logged: every request of a client is one. The password never appears.
 *
 * <p>The row is written in a transaction of its own, so that a failure is logged even when the
 * engine's transaction that noticed it does not commit (two attempts on one account at once). There
 * is no method to change or delete rows; PostgreSQL refuses it by trigger as well (V7).
 */
@Component
public class LoginEvents {

  private static final Logger LOG = LoggerFactory.getLogger(LoginEvents.class);
  private static final int MAX_USER_ID = 64;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public LoginEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public void record(String userId, LoginOutcome outcome) {
    LoginContext.Caller caller = LoginContext.current();
    String user = userId == null ? "" : userId;
    String shown = printable(user);
    switch (outcome) {
      case SUCCEEDED -> LOG.info("login: user '{}' logged in ({}, from {})", shown, caller.door(), caller.remoteAddress());
      case FAILED -> LOG.warn("login failed: user '{}', wrong password ({}, from {})", shown, caller.door(),
          caller.remoteAddress());
      case LOCKED -> LOG.warn("login failed: user '{}', wrong password; account locked ({}, from {})", shown,
          caller.door(), caller.remoteAddress());
      case REFUSED_LOCKED -> LOG.warn("login refused: user '{}' is locked ({}, from {})", shown, caller.door(),
          caller.remoteAddress());
      case UNKNOWN_USER -> LOG.warn("login failed: no user '{}' ({}, from {})", shown, caller.door(),
          caller.remoteAddress());
    }
    ownTransaction.executeWithoutResult(status -> jdbc.update(
        "insert into login_event (occurred_at, user_id, outcome, door, remote_address) values (?, ?, ?, ?, ?)",
        ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC),
        user.length() <= MAX_USER_ID ? user : user.substring(0, MAX_USER_ID), outcome.name(), caller.door().name(),
        caller.remoteAddress()));
  }

  /** A user id as typed by anybody: no line breaks or control characters in the log, bounded length. */
  static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    text.codePoints().limit(MAX_USER_ID).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > MAX_USER_ID ? shown + "…" : shown.toString();
  }
}
