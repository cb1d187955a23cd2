package cn.shuoshi.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The DingTalk (钉钉) group robot: its webhook {@code https://oapi.dingtalk.com/robot/send?access_token=…}, in
 * the signed mode ("加签") with {@code timestamp} (milliseconds) and
 * {@code sign} = URL-encoded Base64(HmacSHA256(secret, timestamp + "\n" + secret)) added to it. The
 * timestamp is the real time, not the engine's clock: DingTalk refuses one more than an hour off.
 * A robot without a secret (keyword mode) is posted to unsigned.
 */
@Component("dingTalkRobot")
public class DingTalkRobot implements Channel {

  public static final String ID = "DINGTALK";

  private final RobotWebhook webhook;
  private final Clock clock = Clock.systemUTC();

  public DingTalkRobot(RobotWebhook webhook) {
    this.webhook = webhook;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean isGroupRobot() {
    return true;
  }

  @Override
  public void send(OutboundMessage message) throws DeliveryFailed {
    String url = message.webhookUrl();
    if (message.secret() != null && !message.secret().isEmpty()) {
      long timestamp = clock.millis();
      url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
          + URLEncoder.encode(sign(timestamp, message.secret()), StandardCharsets.UTF_8);
    }
    webhook.postText(URI.create(url), message.content());
  }

  /** Base64(HmacSHA256(secret, timestamp + "\n" + secret)), before URL encoding. */
  public static String sign(long timestamp, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
