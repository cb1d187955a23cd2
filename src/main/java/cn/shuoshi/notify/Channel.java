package cn.shuoshi.notify;

/**
 * One way a message leaves the service (a group robot, SMS, e-mail): the worker hands it a rendered
 * message and learns only whether the provider took it.
 */
public interface Channel {

  /**
   * The channel's name in the outbox, the settings and {@code unit_channel}: {@code WECOM}, {@code DINGTALK},
   * {@code SMS}, {@code EMAIL}.
   */
  String id();

  /**
   * A unit's group robot: the recipient is a unit code and the worker looks up its webhook
   * ({@link UnitChannels}). Other channels find their recipient's address themselves when they send
   * (a phone, an e-mail address: never copied into the outbox).
   */
  default boolean isGroupRobot() {
    return false;
  }

  /** Delivers {@code message}; returns only when the provider said it took it. */
  void send(OutboundMessage message) throws DeliveryFailed;
}
