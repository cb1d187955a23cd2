package cn.shuoshi.security.account;

import cn.shuoshi.settings.ShuoshiSettings;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The account rules in force, from {@code shuoshi.security.*} ({@link ShuoshiSettings.Security}). Read
 * on every use, so a test may switch {@link #setPasswordChangeAtFirstLogin first-login changes} on for
 * itself and back.
 */
@Component
public class SecuritySettings {

  /** Failed logins in a row that lock an account. */
  private int loginAttempts;
  /** How long a lock lasts; an account is never locked for good. */
  private Duration lockDuration;
  /** Shortest password (the policy also wants letters, digits and symbols). */
  private int passwordMinLength;
  /** A new password may not be one of this many most recent ones (the current one included). */
  private int passwordHistory;
  /** A password set by an administrator for somebody else must be changed by its owner first. */
  private boolean passwordChangeAtFirstLogin;

  public SecuritySettings(ShuoshiSettings settings) {
    ShuoshiSettings.Security security = settings.security();
    setLoginAttempts(security.loginAttempts());
    setLockDuration(security.lockDuration());
    setPasswordMinLength(security.passwordMinLength());
    setPasswordHistory(security.passwordHistory());
    setPasswordChangeAtFirstLogin(security.passwordChangeAtFirstLogin());
  }

  public int getLoginAttempts() {
    return loginAttempts;
  }

  public void setLoginAttempts(int loginAttempts) {
    if (loginAttempts < 1) {
      throw new IllegalArgumentException("shuoshi.security.login-attempts must be at least 1");
    }
    this.loginAttempts = loginAttempts;
  }

  public Duration getLockDuration() {
    return lockDuration;
  }

  public void setLockDuration(Duration lockDuration) {
    if (lockDuration == null || lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("shuoshi.security.lock-duration must be positive");
    }
    this.lockDuration = lockDuration;
  }

  public int getPasswordMinLength() {
    return passwordMinLength;
  }

  public void setPasswordMinLength(int passwordMinLength) {
    this.passwordMinLength = passwordMinLength;
  }

  public int getPasswordHistory() {
    return passwordHistory;
  }

  public void setPasswordHistory(int passwordHistory) {
    if (passwordHistory < 1) {
      throw new IllegalArgumentException("shuoshi.security.password-history must be at least 1");
    }
    this.passwordHistory = passwordHistory;
  }

  public boolean isPasswordChangeAtFirstLogin() {
    return passwordChangeAtFirstLogin;
  }

  public void setPasswordChangeAtFirstLogin(boolean passwordChangeAtFirstLogin) {
    this.passwordChangeAtFirstLogin = passwordChangeAtFirstLogin;
  }
}
