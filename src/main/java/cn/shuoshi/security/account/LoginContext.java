package cn.shuoshi.security.account;

/**
 * The door and the caller's address of the request being served on this thread, set by
 * {@link cn.shuoshi.security.LoginDoorFilter} for the identity provider, which only sees user id and
 * password. Outside a request the door is {@link LoginDoor#JAVA}.
 */
public final class LoginContext {

  /** One request's caller. */
  public record Caller(LoginDoor door, String remoteAddress) {}

  private static final Caller OUTSIDE_REQUESTS = new Caller(LoginDoor.JAVA, null);
  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  private LoginContext() {}

  public static void enter(LoginDoor door, String remoteAddress) {
    CURRENT.set(new Caller(door, remoteAddress));
  }

  public static void leave() {
    CURRENT.remove();
  }

  public static Caller current() {
    Caller caller = CURRENT.get();
    return caller != null ? caller : OUTSIDE_REQUESTS;
  }
}
