package cn.shuoshi.notify;

import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * The WeCom (企业微信) group robot: its webhook {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}
 * carries the robot's key, nothing else is signed.
 */
@Component("weComRobot")
public class WeComRobot implements Channel {

  public static final String ID = "WECOM";

  private final RobotWebhook webhook;

  public WeComRobot(RobotWebhook webhook) {
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
    webhook.postText(URI.create(message.webhookUrl()), message.content());
  }
}
