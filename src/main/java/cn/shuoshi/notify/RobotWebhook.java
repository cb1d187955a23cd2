package cn.shuoshi.notify;

import cn.shuoshi.settings.ShuoshiSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the WeCom and DingTalk group robots have in common: a text message posted as JSON
 * ({@code {"msgtype":"text","text":{"content":…}}}) to the robot's webhook, taken when the answer is
 * HTTP 200 with {@code errcode} 0. Failures name the status or the provider's error code and message,
 * never the webhook (its key) or a secret.
 */
@Component
public class RobotWebhook {

  private final HttpClient http;
  private final ObjectMapper json;
  private final ShuoshiSettings.Notify settings;

  public RobotWebhook(ObjectMapper json, ShuoshiSettings settings) {
    this.json = json;
    this.settings = settings.notifications();
    // Redirects are not followed: a webhook must answer itself, not send the message elsewhere.
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(this.settings.timeout()).build();
  }

  void postText(URI webhook, String content) throws DeliveryFailed {
    String body;
    try {
      body = json.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", content)));
    } catch (IOException e) {
      throw new DeliveryFailed("消息无法编码为 JSON");
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(HttpRequest.newBuilder(webhook).timeout(settings.timeout())
              .header("Content-Type", "application/json; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryFailed("无法连接群机器人服务：" + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailed("发送被中断");
    }
    if (answer.statusCode() != 200) {
      throw new DeliveryFailed("群机器人服务答复 HTTP " + answer.statusCode());
    }
    JsonNode result;
    try {
      result = json.readTree(answer.body());
    } catch (IOException e) {
      throw new DeliveryFailed("群机器人服务的答复不是 JSON");
    }
    if (result == null || !result.path("errcode").isNumber()) {
      throw new DeliveryFailed("群机器人服务的答复缺少 errcode");
    }
    int errcode = result.path("errcode").asInt();
    if (errcode != 0) {
      String message = result.path("errmsg").asText("");
      throw new DeliveryFailed("群机器人服务拒收：errcode " + errcode
          + (message.isEmpty() ? "" : "，" + (message.length() > 120 ? message.substring(0, 120) : message)));
    }
  }
}
