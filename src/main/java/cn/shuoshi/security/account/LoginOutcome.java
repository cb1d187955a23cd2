package cn.shuoshi.security.account;

/** What came of a login attempt: the column {@code login_event.outcome}. */
public enum LoginOutcome {
  /** The password was right (logged for the webapps' login page only, see {@link LoginEvents}). */
  SUCCEEDED,
  /** Wrong password; the account is not locked (yet). */
  FAILED,
  /** Wrong password, and this failure locked the account. */
  LOCKED,
  /** The account was locked: refused without looking at the password. */
  REFUSED_LOCKED,
  /** No such user. */
  UNKNOWN_USER
}
