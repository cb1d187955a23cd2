package cn.shuoshi.notify;

/**
 * One way a message leaves the service (a group robot today; SMS and e-mail later): the worker hands it
 * a rendered message and learns only whether the provider took it.
 */
public interface Channel {

  /** The channel's name in the outbox, the settings and {@code unit_channel}: {@code WECOM}, {@code DINGTALK}. */
  String id();

  /** Delivers {@code message}; returns only when the provider said it took it. */
  void send(OutboundMessage message) throws DeliveryFailed;
}
