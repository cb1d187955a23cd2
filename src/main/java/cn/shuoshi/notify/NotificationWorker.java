package cn.shuoshi.notify;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.settings.ShuoshiSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: claims the due messages ({@link Outbox#claimDue}), renders each with its template,
 * looks up the recipient unit's robot (for a group robot; SMS and e-mail find their recipient's address
 * themselves), hands it to its {@link Channel}, and marks it SENT — or, when the
 * provider did not take it, due again after a back-off (first retry delay, doubled per attempt, at most
 * the maximum) until the last attempt, then FAILED for an administrator to see and retry.
 *
 * <p>Every node runs it every {@code shuoshi.notifications.poll-interval} while a channel is on (0: never by itself;
 * tests call {@link #deliverDue()}). Time is the engine clock, so tests move it instead of sleeping.
 * Logs name the message's id, channel and recipient (a unit, {@code cadre:<user>}, {@code resident:<item>}),
 * never its webhook, secret, text, phone number or e-mail address.
 */
@Component
public class NotificationWorker implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);
  private static final int BATCH = 50;

  private final ShuoshiSettings.Notify settings;
  private final Outbox outbox;
  private final NotificationTemplates templates;
  private final UnitChannels robots;
  private final Map<String, Channel> channels;
  private final EngineClock clock;
  private volatile ScheduledExecutorService poller;

  public NotificationWorker(ShuoshiSettings settings, Outbox outbox, NotificationTemplates templates,
      UnitChannels robots, List<Channel> channels, EngineClock clock) {
    this.settings = settings.notifications();
    this.outbox = outbox;
    this.templates = templates;
    this.robots = robots;
    this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::id, Function.identity()));
    this.clock = clock;
  }

  /** What one run did. */
  public record Run(int sent, int retrying, int failed) {}

  /** Delivers every message due now, batch by batch, until none is left. */
  public Run deliverDue() {
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    while (true) {
      Instant now = clock.now();
      List<Outbox.Claim> claims = outbox.claimDue(settings.channels(), now, now.plus(lease()), BATCH);
      for (Outbox.Claim claim : claims) {
        switch (deliver(claim)) {
          case SENT -> sent++;
          case PENDING -> retrying++;
          case FAILED -> failed++;
        }
      }
      if (claims.size() < BATCH) {
        return new Run(sent, retrying, failed);
      }
    }
  }

  private Outbox.State deliver(Outbox.Claim claim) {
    Outbox.Message message = claim.message();
    try {
      Channel channel = channel(message);
      channel.send(outbound(message, channel));
      outbox.markSent(claim, clock.now());
      LOG.info("notification {} ({} to {}) sent", message.id(), message.channel(), message.recipient());
      return Outbox.State.SENT;
    } catch (DeliveryFailed e) {
      Instant retryAt = e.isPermanent() || claim.attempt() >= settings.maxAttempts() ? null
          : clock.now().plus(backOff(claim.attempt()));
      outbox.markNotSent(claim, e.getMessage(), retryAt);
      LOG.warn("notification {} ({} to {}) not sent, attempt {} of {}: {}{}", message.id(), message.channel(),
          message.recipient(), claim.attempt(), settings.maxAttempts(), e.getMessage(),
          retryAt == null ? "; FAILED" : "");
      return retryAt == null ? Outbox.State.FAILED : Outbox.State.PENDING;
    } catch (RuntimeException e) {
      // A bug must not stop the other messages: this one waits like any failed attempt.
      Instant retryAt = claim.attempt() >= settings.maxAttempts() ? null : clock.now().plus(backOff(claim.attempt()));
      outbox.markNotSent(claim, "内部错误：" + e.getClass().getSimpleName(), retryAt);
      LOG.error("notification {} could not be delivered", message.id(), e);
      return retryAt == null ? Outbox.State.FAILED : Outbox.State.PENDING;
    }
  }

  /** The wait after the {@code attempt}-th failure: first retry delay × 2^(attempt−1), at most the maximum. */
  Duration backOff(int attempt) {
    Duration delay = settings.firstRetryDelay();
    for (int i = 1; i < attempt && delay.compareTo(settings.maxRetryDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
  }

  /** How long a claimed message is not due for anybody else: well beyond one delivery's timeout. */
  private Duration lease() {
    Duration twice = settings.timeout().multipliedBy(3);
    return twice.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twice;
  }

  private Channel channel(Outbox.Message message) throws DeliveryFailed {
    Channel channel = channels.get(message.channel());
    if (channel == null) {
      throw new DeliveryFailed("本服务没有渠道 " + message.channel(), true);
    }
    return channel;
  }

  private OutboundMessage outbound(Outbox.Message message, Channel channel) throws DeliveryFailed {
    String webhook = null;
    String secret = null;
    if (channel.isGroupRobot()) {
      UnitChannels.Robot robot = robots.find(message.recipient(), message.channel())
          .orElseThrow(() -> new DeliveryFailed("单位 " + message.recipient() + " 未配置 " + message.channel()
              + " 群机器人", true));
      webhook = robot.webhookUrl();
      secret = robot.secret();
    }
    if (Outbox.LINK_WITHHELD.equals(message.parameters().get(Outbox.LINK))) {
      // A FAILED resident's message retried: its link was blanked; a cadre has a new one sent instead.
      throw new DeliveryFailed("查看链接已隐去，不能重发；请由村（社区）或镇干部重新发送查看链接", true);
    }
    String body = templates.find(message.templateId()).map(NotificationTemplates.Template::body)
        .orElseThrow(() -> new DeliveryFailed("消息模板 " + message.templateId() + " 不存在", true));
    String content = NotificationTemplates.render(body, message.parameters());
    if (content.isBlank()) {
      throw new DeliveryFailed("消息内容为空", true);
    }
    return new OutboundMessage(message.id(), message.channel(), message.recipient(), content, webhook, secret,
        message.templateId(), message.parameters());
  }

  // --- the poller --------------------------------------------------------------------------------

  @Override
  public void start() {
    if (settings.channels().isEmpty() || settings.pollInterval().isZero()) {
      return;
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "shuoshi-notify");
      thread.setDaemon(true);
      return thread;
    });
    long every = settings.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        deliverDue();
      } catch (RuntimeException e) {
        // The database away (restart): the messages wait in the outbox, the next run delivers them.
        LOG.warn("notification worker: {}", e.getMessage());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    poller = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = poller;
    poller = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }
}
