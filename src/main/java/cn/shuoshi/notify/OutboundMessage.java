package cn.shuoshi.notify;

import java.util.Map;

/**
 * A message ready to leave: its outbox row, the recipient (a unit code for a group robot,
 * {@code cadre:<user>} for e-mail, {@code resident:<item number>} for SMS), the text, the template and its
 * parameters (an SMS provider fills its own approved template with them), and where the recipient's robot
 * is ({@code webhookUrl} with its key, and a DingTalk robot's signing secret). {@link #toString()} names
 * neither the webhook nor the secret: messages are logged.
 */
public record OutboundMessage(long id, String channel, String recipient, String content, String webhookUrl,
    String secret, String templateId, Map<String, String> parameters) {

  public OutboundMessage {
    parameters = parameters == null ? Map.of() : parameters;
  }

  @Override
  public String toString() {
    return "message " + id + " (" + channel + " to " + recipient + ")";
  }
}
