package cn.shuoshi.security.account;

/** Where a password was checked: the column {@code login_event.door}. */
public enum LoginDoor {
  /** The webapps' login page (Tasklist, Cockpit, Admin, Welcome). */
  WEBAPP_LOGIN,
  /** Inside the webapps after login, e.g. the current password when changing it in the Welcome app. */
  WEBAPP,
  /** HTTP Basic on the engine REST API ({@code /engine-rest}). */
  ENGINE_REST,
  /** HTTP Basic on the service's API ({@code /api}). */
  API,
  /** {@code IdentityService.checkPassword} called by the service's own code, outside any request. */
  JAVA
}
