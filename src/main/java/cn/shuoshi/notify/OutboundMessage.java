package cn.shuoshi.notify;

/**
 * A message ready to leave: its outbox row, the recipient (a unit code for a group robot), the text,
 * and where the recipient's robot is ({@code webhookUrl} with its key, and a DingTalk robot's signing
 * secret). {@link #toString()} names neither the webhook nor the secret: messages are logged.
 */
public record OutboundMessage(long id, String channel, String recipient, String content, String webhookUrl,
    String secret) {

  @Override
  public String toString() {
    return "message " + id + " (" + channel + " to " + recipient + ")";
  }
}
