package cn.shuoshi.security.account;

import static org.camunda.bpm.engine.impl.util.EncryptionUtil.saltPassword;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each user's most recent passwords ({@code password_history}) as the engine stores passwords: salted
 * hashes, never the password. The newest row is the current password; older ones beyond
 * {@code shuoshi.security.password-history} are removed as new ones come.
 */
@Component
public class PasswordHistory {

  private final JdbcTemplate jdbc;
  private final SecuritySettings settings;

  public PasswordHistory(JdbcTemplate jdbc, SecuritySettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  /** One stored password. */
  record Stored(String hash, String salt) {}

  /** Called inside the engine's transaction, after the engine hashed the new password. */
  void record(String userId, String hash, String salt) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    jdbc.update("insert into password_history (user_id, password_hash, salt, set_at) values (?, ?, ?, ?)",
        userId, hash, salt, now.atOffset(ZoneOffset.UTC));
    List<Long> older = jdbc.queryForList("select id from password_history where user_id = ? order by id desc",
        Long.class, userId);
    for (Long id : older.subList(Math.min(settings.getPasswordHistory(), older.size()), older.size())) {
      jdbc.update("delete from password_history where id = ?", id);
    }
  }

  /**
   * Whether {@code candidate} is one of the user's recent passwords: the stored ones and {@code current}
   * (the password the engine holds now, which predates the history for users made before it).
   * Runs inside an engine command (needs its password manager).
   */
  boolean isRecent(String userId, String candidate, Stored current) {
    List<Stored> recent = new ArrayList<>(jdbc.query(
        "select password_hash, salt from password_history where user_id = ? order by id desc",
        (rs, i) -> new Stored(rs.getString(1), rs.getString(2)), userId));
    if (recent.size() > settings.getPasswordHistory()) {
      recent = new ArrayList<>(recent.subList(0, settings.getPasswordHistory()));
    }
    if (current != null && current.hash() != null) {
      recent.add(current);
    }
    PasswordManager passwords = Context.getProcessEngineConfiguration().getPasswordManager();
    for (Stored stored : recent) {
      if (passwords.check(saltPassword(candidate, stored.salt()), stored.hash())) {
        return true;
      }
    }
    return false;
  }

  void forget(String userId) {
    jdbc.update("delete from password_history where user_id = ?", userId);
  }
}
