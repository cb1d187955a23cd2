package cn.shuoshi.notify;

import cn.shuoshi.api.AdministratorsOnly;
import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.settings.ShuoshiSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators' side of the messages: each unit's group robots, the templates' words, and the
 * messages themselves — the FAILED ones to look at and retry. Everything here is for administrators only;
 * a robot's webhook key and secret are written here and never answered.
 */
@RestController
@Tag(name = "消息通知", description = "单位群机器人（企业微信、钉钉）、消息模板、发送失败的消息及重发（仅系统管理员）")
@SecurityRequirement(name = "basicAuth")
public class NotificationController {

  private static final String ONLY_ADMINISTRATORS = "只有系统管理员可以管理消息通知";
  private static final int LIST_LIMIT = 200;

  @Schema(description = "单位在某一渠道的群机器人：群设置中“群机器人”给出的 Webhook 地址；钉钉机器人使用“加签”时填写密钥")
  public record RobotSetting(
      @Schema(description = "Webhook 地址", example = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…")
      String webhookUrl,
      @Schema(description = "钉钉“加签”密钥（SEC 开头）；企业微信不填") String secret) {}

  /** A robot as administrators see it: the webhook's key masked, whether a secret is set, never the secret. */
  public record RobotAnswer(String unit, String channel, String webhook, boolean secretSet, boolean channelOn,
      OffsetDateTime updatedAt, String updatedBy) {}

  public record TemplateText(@Schema(description = "模板内容，可用 {number} {title} {village} {deadline}") String text) {}

  public record TemplateAnswer(String id, String text, OffsetDateTime updatedAt, String updatedBy) {}

  public record MessageAnswer(long id, String channel, String recipient, String templateId,
      Map<String, String> parameters, OffsetDateTime createdAt, String state, int attempts,
      OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime sentAt) {}

  private final AdministratorsOnly administrators;
  private final Outbox outbox;
  private final NotificationTemplates templates;
  private final UnitChannels robots;
  private final Org org;
  private final EngineClock clock;
  private final ShuoshiSettings.Notify settings;

  public NotificationController(AdministratorsOnly administrators, Outbox outbox, NotificationTemplates templates,
      UnitChannels robots, Org org, EngineClock clock, ShuoshiSettings settings) {
    this.administrators = administrators;
    this.outbox = outbox;
    this.templates = templates;
    this.robots = robots;
    this.org = org;
    this.clock = clock;
    this.settings = settings.notifications();
  }

  // --- messages ------------------------------------------------------------------------------------

  @Operation(summary = "消息列表（仅系统管理员）",
      description = "最新的 200 条消息，可按状态筛选：PENDING 待发送，SENT 已发送，FAILED 多次发送失败（last_error 说明原因）。")
  @GetMapping("/api/notifications")
  public List<MessageAnswer> messages(@RequestParam(required = false) String state) {
    administrators.require(ONLY_ADMINISTRATORS);
    Outbox.State wanted = null;
    if (state != null && !state.isBlank()) {
      try {
        wanted = Outbox.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InvalidRequestException.of("state", "状态应为 PENDING、SENT 或 FAILED");
      }
    }
    return outbox.list(wanted, LIST_LIMIT).stream().map(NotificationController::answer).toList();
  }

  @Operation(summary = "重发一条发送失败的消息（仅系统管理员）", description = "FAILED 的消息重新排队，立即可发，重新计算尝试次数。")
  @PostMapping("/api/notifications/{id}/retry")
  public ResponseEntity<?> retry(@PathVariable long id) {
    administrators.require(ONLY_ADMINISTRATORS);
    if (outbox.find(id).isEmpty()) {
      return ApiProblems.notFound("没有编号为 " + id + " 的消息");
    }
    if (!outbox.retry(id, clock.now())) {
      return ApiProblems.of(HttpStatus.CONFLICT, "urn:shuoshi:problem:not-failed", "不能重发",
          "只有发送失败（FAILED）的消息可以重发");
    }
    return ResponseEntity.ok(answer(outbox.find(id).orElseThrow()));
  }

  // --- templates -----------------------------------------------------------------------------------

  @Operation(summary = "消息模板（仅系统管理员）")
  @GetMapping("/api/notification-templates")
  public List<TemplateAnswer> templates() {
    administrators.require(ONLY_ADMINISTRATORS);
    return templates.all().stream().map(t -> new TemplateAnswer(t.id(), t.body(), t.updatedAt(), t.updatedBy()))
        .toList();
  }

  @Operation(summary = "修改消息模板（仅系统管理员）",
      description = "可用的占位符：{number} 事项编号，{title} 标题，{village} 村（社区），{deadline} 办理期限。"
          + "群消息不得含群众个人信息。修改后，尚未发出的消息也按新模板发送。")
  @PutMapping("/api/notification-templates/{id}")
  public ResponseEntity<?> template(@PathVariable String id, @RequestBody(required = false) TemplateText body) {
    String administrator = administrators.require(ONLY_ADMINISTRATORS);
    if (templates.find(id).isEmpty()) {
      return ApiProblems.notFound("没有编号为 " + id + " 的消息模板");
    }
    String text = body == null || body.text() == null ? "" : body.text().strip();
    if (text.isEmpty()) {
      throw InvalidRequestException.of("text", "模板内容不能为空");
    }
    if (text.length() > 1000) {
      throw InvalidRequestException.of("text", "模板内容不能超过 1000 个字");
    }
    List<String> unknown = NotificationTemplates.unknownPlaceholders(text);
    if (!unknown.isEmpty()) {
      throw InvalidRequestException.of("text", "模板中的占位符 " + String.join("、", unknown)
          + " 不存在；可用 {number} {title} {village} {deadline}");
    }
    templates.update(id, text, administrator, clock.now());
    NotificationTemplates.Template saved = templates.find(id).orElseThrow();
    return ResponseEntity.ok(new TemplateAnswer(saved.id(), saved.body(), saved.updatedAt(), saved.updatedBy()));
  }

  // --- units' robots -------------------------------------------------------------------------------

  @Operation(summary = "单位的群机器人（仅系统管理员）", description = "Webhook 的 key 或 access_token 以 *** 显示，密钥从不返回。")
  @GetMapping("/api/units/{code}/channels")
  public ResponseEntity<?> robots(@PathVariable String code) {
    administrators.require(ONLY_ADMINISTRATORS);
    if (org.unit(code).isEmpty()) {
      return ApiProblems.notFound("没有代码为 " + code + " 的单位");
    }
    return ResponseEntity.ok(robots.of(code).stream().map(this::answer).toList());
  }

  @Operation(summary = "设置单位的群机器人（仅系统管理员）",
      description = "channel 为 WECOM（企业微信群机器人）或 DINGTALK（钉钉群机器人）。webhookUrl 为群机器人的 Webhook 地址，"
          + "须在该服务商的地址上；钉钉机器人使用“加签”时 secret 填其密钥。渠道须在 shuoshi.notifications.channels 中启用才会发送。")
  @PutMapping("/api/units/{code}/channels/{channel}")
  public ResponseEntity<?> setRobot(@PathVariable String code, @PathVariable String channel,
      @RequestBody(required = false) RobotSetting body) {
    String administrator = administrators.require(ONLY_ADMINISTRATORS);
    String id = channelId(channel);
    if (org.unit(code).isEmpty()) {
      return ApiProblems.notFound("没有代码为 " + code + " 的单位");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String webhook = body == null || body.webhookUrl() == null ? "" : body.webhookUrl().strip();
    String secret = body == null || body.secret() == null || body.secret().isBlank() ? null : body.secret().strip();
    checkWebhook(id, webhook).ifPresent(problem -> errors.put("webhookUrl", problem));
    if (secret != null && WeComRobot.ID.equals(id)) {
      errors.put("secret", "企业微信群机器人没有密钥，请不要填写 secret");
    } else if (secret != null && secret.length() > 200) {
      errors.put("secret", "密钥过长");
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    robots.put(code, id, webhook, secret, administrator, clock.now());
    return ResponseEntity.ok(answer(robots.find(code, id).orElseThrow()));
  }

  @Operation(summary = "删除单位的群机器人（仅系统管理员）", description = "此后不再向该群发送；尚未发出的消息发送失败。")
  @DeleteMapping("/api/units/{code}/channels/{channel}")
  public ResponseEntity<?> removeRobot(@PathVariable String code, @PathVariable String channel) {
    administrators.require(ONLY_ADMINISTRATORS);
    return robots.remove(code, channelId(channel)) ? ResponseEntity.noContent().build()
        : ApiProblems.notFound("单位 " + code + " 未设置该群机器人");
  }

  private static String channelId(String channel) {
    String id = channel.trim().toUpperCase(Locale.ROOT);
    if (!WeComRobot.ID.equals(id) && !DingTalkRobot.ID.equals(id)) {
      throw InvalidRequestException.of("channel", "渠道应为 WECOM（企业微信群机器人）或 DINGTALK（钉钉群机器人）");
    }
    return id;
  }

  /**
   * The webhook must be on the provider's address ({@code shuoshi.notifications.wecom-url} / {@code dingtalk-url}) and
   * carry the robot's key: the service posts nowhere else, whatever an administrator types.
   */
  private java.util.Optional<String> checkWebhook(String channel, String webhook) {
    boolean weCom = WeComRobot.ID.equals(channel);
    String base = weCom ? settings.wecomUrl() : settings.dingtalkUrl();
    String param = weCom ? "key=" : "access_token=";
    String example = weCom ? "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
        : "https://oapi.dingtalk.com/robot/send?access_token=…";
    if (webhook.isEmpty()) {
      return java.util.Optional.of("请填写群机器人的 Webhook 地址，如 " + example);
    }
    try {
      URI uri = URI.create(webhook);
      URI provider = URI.create(base);
      boolean sameHost = provider.getScheme().equalsIgnoreCase(uri.getScheme() == null ? "" : uri.getScheme())
          && provider.getHost().equalsIgnoreCase(uri.getHost() == null ? "" : uri.getHost())
          && (provider.getPort() == -1 || provider.getPort() == uri.getPort())
          && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
      String query = uri.getRawQuery() == null ? "" : "&" + uri.getRawQuery();
      if (!sameHost || webhook.length() > 500 || !query.contains("&" + param)) {
        return java.util.Optional.of("Webhook 地址应为 " + example + "（" + base + " 上的地址）");
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      return java.util.Optional.of("Webhook 地址格式不正确，应为 " + example);
    }
    return java.util.Optional.empty();
  }

  private RobotAnswer answer(UnitChannels.Robot robot) {
    return new RobotAnswer(robot.unitCode(), robot.channel(), robot.maskedWebhook(), robot.secret() != null,
        settings.isOn(robot.channel()), at(robot.updatedAt()), robot.updatedBy());
  }

  /** What administrators read of a message's parameters: never a resident's private link. */
  static Map<String, String> masked(Map<String, String> parameters) {
    String link = parameters.get(Outbox.LINK);
    if (link == null || link.equals(Outbox.LINK_SENT) || link.equals(Outbox.LINK_WITHHELD)) {
      return parameters;
    }
    Map<String, String> shown = new LinkedHashMap<>(parameters);
    shown.put(Outbox.LINK, "（专属链接，不予显示）");
    return shown;
  }

  private static MessageAnswer answer(Outbox.Message m) {
    return new MessageAnswer(m.id(), m.channel(), m.recipient(), m.templateId(), masked(m.parameters()), at(m.createdAt()),
        m.state().name(), m.attempts(), at(m.nextAttemptAt()), m.lastError(), at(m.sentAt()));
  }

  private static OffsetDateTime at(OffsetDateTime time) {
    return time == null ? null : time.atZoneSameInstant(EngineClock.BEIJING).toOffsetDateTime();
  }
}
