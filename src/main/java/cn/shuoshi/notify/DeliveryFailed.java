package cn.shuoshi.notify;

/**
 * The provider did not take a message. The message is short and names no secret (it goes to the
 * outbox's {@code last_error}, which administrators read); {@code permanent} when trying again cannot
 * help (no robot configured for the unit any more).
 */
public class DeliveryFailed extends Exception {

  private final boolean permanent;

  public DeliveryFailed(String message) {
    this(message, false);
  }

  public DeliveryFailed(String message, boolean permanent) {
    super(message.length() <= 300 ? message : message.substring(0, 300));
    this.permanent = permanent;
  }

  public boolean isPermanent() {
    return permanent;
  }
}
