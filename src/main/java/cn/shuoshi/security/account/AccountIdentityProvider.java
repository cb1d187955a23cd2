package cn.shuoshi.security.account;

import java.util.Date;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Camunda's own user store with the service's account rules, so that every door that checks a
 * password (the webapps' login, HTTP Basic on {@code /engine-rest} and {@code /api}, the current
 * password when changing it, {@code IdentityService.checkPassword}) follows the same ones:
 *
 * <ul>
 *   <li>{@code shuoshi.security.login-attempts} wrong passwords in a row lock the account for
 *       {@code shuoshi.security.lock-duration}, administrators included; once the lock has run out the
 *       count starts again. Camunda's growing delays and its permanent lock after
 *       {@code loginMaxAttempts} never apply: a stranger can hold an account off for minutes, not for good;
 *   <li>while locked, a password is not even looked at;
 *   <li>every failure, every lock and every successful login at the webapps' login page is logged
 *       ({@link LoginEvents});
 *   <li>every new password goes into the password history, and marks or clears "must change the
 *       password" ({@link Accounts#passwordSet}).
 * </ul>
 *
 * Installed by {@link AccountsPlugin}; one instance per engine command, like Camunda's.
 */
public class AccountIdentityProvider extends DbIdentityServiceProvider {

  private final SecuritySettings settings;
  private final LoginEvents events;
  private final Accounts accounts;
  private final PasswordHistory history;

  AccountIdentityProvider(SecuritySettings settings, LoginEvents events, Accounts accounts, PasswordHistory history) {
    this.settings = settings;
    this.events = events;
    this.accounts = accounts;
    this.history = history;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    UserEntity user = userId == null ? null : findUserById(userId);
    if (user == null) {
      events.record(userId, LoginOutcome.UNKNOWN_USER);
      return false;
    }
    if (isUserLocked(user)) {
      events.record(user.getId(), LoginOutcome.REFUSED_LOCKED);
      return false;
    }
    if (password != null && matchPassword(password, user)) {
      unlockUser(user);
      if (LoginContext.current().door() == LoginDoor.WEBAPP_LOGIN) {
        events.record(user.getId(), LoginOutcome.SUCCEEDED);
      }
      return true;
    }
    lockUser(user);
    return false;
  }

  /** Locked only until the lock's end: the attempt count alone never locks (Camunda's permanent lock). */
  @Override
  protected boolean isUserLocked(UserEntity user) {
    Date until = user.getLockExpirationTime();
    return until != null && until.after(ClockUtil.getCurrentTime());
  }

  /** Counts a failure; the last one allowed locks the account for the configured time. */
  @Override
  protected void lockUser(UserEntity user) {
    Date now = ClockUtil.getCurrentTime();
    int attempts = user.getAttempts();
    if (user.getLockExpirationTime() != null && !user.getLockExpirationTime().after(now)) {
      attempts = 0; // the previous lock has run out: count afresh
    }
    attempts++;
    Date lockedUntil = null;
    if (attempts >= settings.getLoginAttempts()) {
      lockedUntil = new Date(now.getTime() + settings.getLockDuration().toMillis());
    }
    getIdentityInfoManager().updateUserLock(user, attempts, lockedUntil);
    events.record(user.getId(), lockedUntil != null ? LoginOutcome.LOCKED : LoginOutcome.FAILED);
  }

  @Override
  public IdentityOperationResult saveUser(User user) {
    UserEntity entity = (UserEntity) user;
    boolean newPassword = entity.hasNewPassword();
    IdentityOperationResult result = super.saveUser(user);
    if (newPassword) {
      // super.saveUser has hashed it: the history keeps what the engine keeps, never the password.
      history.record(entity.getId(), entity.getPassword(), entity.getSalt());
      accounts.passwordSet(entity.getId(), Context.getCommandContext().getAuthenticatedUserId());
    }
    return result;
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    IdentityOperationResult result = super.deleteUser(userId);
    if (IdentityOperationResult.OPERATION_DELETE.equals(result.getOperation())) {
      history.forget(userId);
      accounts.forget(userId);
    }
    return result;
  }

  /** Opens one provider per command with the service's beans. */
  static final class Factory implements SessionFactory {

    private final SecuritySettings settings;
    private final LoginEvents events;
    private final Accounts accounts;
    private final PasswordHistory history;

    Factory(SecuritySettings settings, LoginEvents events, Accounts accounts, PasswordHistory history) {
      this.settings = settings;
      this.events = events;
      this.accounts = accounts;
      this.history = history;
    }

    @Override
    public Class<?> getSessionType() {
      return AccountIdentityProvider.class;
    }

    @Override
    public Session openSession() {
      return new AccountIdentityProvider(settings, events, accounts, history);
    }
  }
}
