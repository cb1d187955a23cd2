package cn.shuoshi.security.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service's own state of an account ({@code user_account}): must its owner change the password
 * before doing anything else, and when was the password last changed.
 *
 * <p>For other code: {@link #requirePasswordChange} after giving somebody a password they did not
 * choose (the organisation import's random initial passwords). A password an administrator sets for
 * somebody else in Admin or through the REST API is flagged by the identity provider itself while
 * {@code shuoshi.security.password-change-at-first-login} is on; the owner's own change clears the
 * flag. While it is set, the webapps and both APIs refuse that user everything but changing the
 * password ({@link PasswordChangeGate}).
 */
@Component
public class Accounts {

  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

  private final JdbcTemplate jdbc;
  private final SecuritySettings settings;

  public Accounts(JdbcTemplate jdbc, SecuritySettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  /** The user must change the password before anything else (e.g. after an import gave it to them). */
  public void requirePasswordChange(String userId) {
    setMustChange(userId, true);
    LOG.info("user '{}' must change the password at the next login", userId);
  }

  /** Whether the user must change the password first. Unknown users never must. */
  public boolean mustChangePassword(String userId) {
    if (userId == null) {
      return false;
    }
    List<Boolean> flag = jdbc.queryForList("select must_change_password from user_account where user_id = ?",
        Boolean.class, userId);
    return !flag.isEmpty() && Boolean.TRUE.equals(flag.get(0));
  }

  /** When the user's password was last set (by anybody), or null if the service never saw it change. */
  public Instant passwordChangedAt(String userId) {
    List<Timestamp> at = jdbc.queryForList(
        "select password_changed_at from user_account where user_id = ?", Timestamp.class, userId);
    return at.isEmpty() || at.get(0) == null ? null : at.get(0).toInstant();
  }

  /**
   * A new password was saved for {@code userId}, by {@code actor} (the logged-in user, or null for the
   * service's own code: start-up, import). Called inside the engine's transaction.
   */
  void passwordSet(String userId, String actor) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Boolean mustChange;
    if (userId.equals(actor)) {
      mustChange = false;
    } else if (actor != null && settings.isPasswordChangeAtFirstLogin()) {
      mustChange = true;
      LOG.info("password of user '{}' set by '{}': the owner must change it at the next login", userId, actor);
    } else {
      mustChange = null; // code that wants a change asks for it (requirePasswordChange)
    }
    var changedAt = now.atOffset(ZoneOffset.UTC);
    int updated = mustChange == null
        ? jdbc.update("update user_account set password_changed_at = ? where user_id = ?", changedAt, userId)
        : jdbc.update("update user_account set password_changed_at = ?, must_change_password = ? where user_id = ?",
            changedAt, mustChange, userId);
    if (updated == 0) {
      jdbc.update("insert into user_account (user_id, must_change_password, password_changed_at) values (?, ?, ?)",
          userId, Boolean.TRUE.equals(mustChange), changedAt);
    }
  }

  /** The user was deleted: the account's state goes with them (the login log stays). */
  void forget(String userId) {
    jdbc.update("delete from user_account where user_id = ?", userId);
  }

  private void setMustChange(String userId, boolean mustChange) {
    if (jdbc.update("update user_account set must_change_password = ? where user_id = ?", mustChange, userId) == 0) {
      jdbc.update("insert into user_account (user_id, must_change_password) values (?, ?)", userId, mustChange);
    }
  }
}
