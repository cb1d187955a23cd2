package cn.shuoshi.notify;

import cn.shuoshi.TestOrganisation;
import static cn.shuoshi.TestOrganisation.password;
import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Caller;
import cn.shuoshi.settings.ShuoshiSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14, the cadres' side: new work on a unit's desk reaches the unit's WeCom or DingTalk group robot
 * (here a loopback stand-in that checks keys and signatures), through the outbox written with the step:
 * once, without personal data, never for a petition, not at all for a step that rolled back, retried with
 * back-off and shown to administrators when it fails.
 */
@ShuoshiTest
class GroupRobotsTest {

  static final String ADMIN = "notify_admin";
  static final String CADRE = "ls01_ganbu1";

  static RobotStandIn robots;

  @Autowired MatterSteps steps;
  @Autowired NotificationWorker worker;
  @Autowired UnitNotices notices;
  @Autowired Outbox outbox;
  @Autowired UnitChannels unitChannels;
  @Autowired LedgerRepository ledger;
  @Autowired Org org;
  @Autowired ShuoshiSettings settings;
  @Autowired EngineClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ProcessEngineConfigurationImpl engine;
  @LocalServerPort int port;

  @BeforeAll
  static void standIn() throws Exception {
    robots = new RobotStandIn();
  }

  @AfterAll
  static void stopStandIn() {
    robots.close();
  }

  @BeforeEach
  void clean() {
    forget();
    administrator(ADMIN);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    forget();
  }

  void forget() {
    jdbc.update("delete from unit_channel");
    jdbc.update("delete from notification_outbox");
    robots.reset();
  }

  Caller admin() {
    return Caller.basic(port, ADMIN, password(ADMIN));
  }

  void weComFor(String unit, String key) {
    Caller.Answer set = admin().json("PUT", "/api/units/" + unit + "/channels/WECOM",
        Map.of("webhookUrl", robots.weComWebhook(key)));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
  }

  List<Outbox.Message> messagesOf(String number) {
    return outbox.list(null, 1000).stream().filter(m -> number.equals(m.parameters().get("number"))).toList();
  }

  ProcessInstance classifiedToTheVillage(String village, String cadre, Map<String, Object> registration) {
    ProcessInstance item = steps.register(cadre, registration);
    steps.complete(cadre, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", cadre));
    return item;
  }

  @Test
  void newWorkReachesTheVillagesWeComGroupOnceWithoutPersonalData() {
    weComFor("LS01", "ls01-key");
    ProcessInstance item = steps.register(CADRE, Forms.register("LS01"));
    String number = steps.number(item);
    assertThat(messagesOf(number)).as("registration is nobody's new work in the group").isEmpty();

    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    List<Outbox.Message> written = messagesOf(number);
    assertThat(written).singleElement().satisfies(m -> {
      assertThat(m.channel()).isEqualTo("WECOM");
      assertThat(m.recipient()).isEqualTo("LS01");
      assertThat(m.state()).isEqualTo(Outbox.State.PENDING);
      assertThat(m.idempotencyKey()).startsWith("NEW_WORK:" + number + ":").endsWith(":WECOM:LS01");
    });
    assertThat(robots.requests()).as("nothing leaves inside the step").isZero();

    assertThat(worker.deliverDue().sent()).isEqualTo(1);
    assertThat(worker.deliverDue().sent()).as("the worker run again sends nothing twice").isZero();

    Date deadline = steps.task(item, HANDLE_MATTER).getDueDate();
    String day = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日")
        .format(deadline.toInstant().atZone(EngineClock.BEIJING));
    assertThat(robots.received()).singleElement().satisfies(r -> {
      assertThat(r.channel()).isEqualTo("WECOM");
      assertThat(r.robot()).isEqualTo("ls01-key");
      assertThat(r.content()).isEqualTo("新事项待办：" + number + " 自来水压力不足（上河村），办理期限 " + day);
      assertThat(r.content()).doesNotContain("李桂兰").doesNotContain("13912345678").doesNotContain("二组");
    });
    assertThat(messagesOf(number)).singleElement().satisfies(m -> {
      assertThat(m.state()).isEqualTo(Outbox.State.SENT);
      assertThat(m.attempts()).isEqualTo(1);
      assertThat(m.sentAt()).isNotNull();
    });

    // Handled and rejected by the verifier: the same handling again is no new work for the group.
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls01_ganbu2", item, cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT,
        Forms.verified("REJECTED", "照片不清楚，请补充。"));
    assertThat(messagesOf(number)).hasSize(1);
  }

  @Test
  void aClaimedMessageIsNotClaimedAgain() {
    weComFor("LS01", "ls01-key");
    String number = steps.number(classifiedToTheVillage("LS01", CADRE, Forms.register("LS01")));
    Instant now = clock.now();
    List<Outbox.Claim> first = outbox.claimDue(List.of("WECOM"), now, now.plusSeconds(60), 10);
    List<Outbox.Claim> second = outbox.claimDue(List.of("WECOM"), now, now.plusSeconds(60), 10);
    assertThat(first).singleElement().satisfies(c -> assertThat(c.message().parameters()).containsEntry("number", number));
    assertThat(second).isEmpty();
    assertThat(worker.deliverDue().sent()).as("claimed by another worker: not due").isZero();
    assertThat(robots.requests()).isZero();
  }

  @Test
  void aDingTalkGroupGetsASignedMessage() {
    Caller.Answer set = admin().json("PUT", "/api/units/LS02/channels/DINGTALK",
        Map.of("webhookUrl", robots.dingTalkWebhook("ls02-token", "SEC-ls02-secret"), "secret", "SEC-ls02-secret"));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).doesNotContain("SEC-ls02-secret").doesNotContain("ls02-token");
    JsonNode listed = admin().get("/api/units/LS02/channels").json();
    assertThat(listed.toString()).doesNotContain("SEC-ls02-secret").doesNotContain("ls02-token");
    assertThat(listed.get(0).path("secretSet").asBoolean()).isTrue();

    String number = steps.number(classifiedToTheVillage("LS02", "ls02_ganbu1", Forms.register("LS02")));
    assertThat(worker.deliverDue().sent()).isEqualTo(1);
    assertThat(robots.refusals()).isEmpty();
    assertThat(robots.received()).singleElement().satisfies(r -> {
      assertThat(r.channel()).isEqualTo("DINGTALK");
      assertThat(r.content()).startsWith("新事项待办：" + number + " 自来水压力不足（下河村），办理期限 ");
    });
  }

  @Test
  void aWrongSignatureIsRefusedByTheStandIn() {
    admin().json("PUT", "/api/units/LS02/channels/DINGTALK",
        Map.of("webhookUrl", robots.dingTalkWebhook("ls02-token", "SEC-right"), "secret", "SEC-wrong"));
    classifiedToTheVillage("LS02", "ls02_ganbu1", Forms.register("LS02"));
    assertThat(worker.deliverDue().retrying()).isEqualTo(1);
    assertThat(robots.refusals()).singleElement().asString().contains("sign not match");
    assertThat(outbox.list(null, 10)).singleElement().satisfies(m ->
        assertThat(m.lastError()).contains("310000").doesNotContain("SEC-"));
  }

  @Test
  void aFailingRobotIsRetriedWithBackOffThenFailedShownToAdministratorsAndRetried() {
    weComFor("LS03", "ls03-key");
    String number = steps.number(classifiedToTheVillage("LS03", "ls03_ganbu1", Forms.register("LS03")));
    Instant start = clock.now();
    ClockUtil.setCurrentTime(Date.from(start));

    robots.failWithStatus(500);
    assertThat(worker.deliverDue()).isEqualTo(new NotificationWorker.Run(0, 1, 0));
    Outbox.Message once = messagesOf(number).get(0);
    assertThat(once.attempts()).isEqualTo(1);
    assertThat(once.lastError()).contains("HTTP 500");
    assertThat(once.nextAttemptAt().toInstant()).isEqualTo(start.plus(Duration.ofMinutes(1)));

    assertThat(worker.deliverDue()).as("not due before its back-off").isEqualTo(new NotificationWorker.Run(0, 0, 0));
    assertThat(robots.requests()).isEqualTo(1);

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(1))));
    robots.failWithErrcode(45009);
    assertThat(worker.deliverDue()).isEqualTo(new NotificationWorker.Run(0, 1, 0));
    Outbox.Message twice = messagesOf(number).get(0);
    assertThat(twice.lastError()).contains("errcode 45009");
    assertThat(twice.nextAttemptAt().toInstant()).as("doubled")
        .isEqualTo(start.plus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(2)));

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(3))));
    assertThat(worker.deliverDue()).as("the third attempt is the last").isEqualTo(new NotificationWorker.Run(0, 0, 1));
    Outbox.Message failed = messagesOf(number).get(0);
    assertThat(failed.state()).isEqualTo(Outbox.State.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(5))));
    assertThat(worker.deliverDue().failed()).as("FAILED is not tried again by itself").isZero();
    assertThat(robots.requests()).isEqualTo(3);

    JsonNode list = admin().get("/api/notifications?state=FAILED").json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("id").asLong()).isEqualTo(failed.id());
    assertThat(list.get(0).path("lastError").asText()).contains("45009");
    assertThat(list.get(0).path("recipient").asText()).isEqualTo("LS03");
    Caller cadre = Caller.basic(port, "ls03_ganbu1", password("ls03_ganbu1"));
    assertThat(cadre.get("/api/notifications?state=FAILED").status()).isEqualTo(403);
    assertThat(cadre.json("POST", "/api/notifications/" + failed.id() + "/retry", null).status()).isEqualTo(403);
    assertThat(messagesOf(number).get(0).state()).isEqualTo(Outbox.State.FAILED);

    robots.reset();
    Caller.Answer retried = admin().json("POST", "/api/notifications/" + failed.id() + "/retry", null);
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().path("state").asText()).isEqualTo("PENDING");
    assertThat(worker.deliverDue().sent()).isEqualTo(1);
    assertThat(robots.received()).singleElement().satisfies(r -> assertThat(r.content()).contains(number));
    assertThat(admin().json("POST", "/api/notifications/" + failed.id() + "/retry", null).status())
        .as("only a FAILED message is retried").isEqualTo(409);
  }

  @Test
  void aStepThatRollsBackWritesNoMessage() {
    weComFor("LS01", "ls01-key");
    ProcessInstance item = steps.register(CADRE, Forms.register("LS01"));
    String number = steps.number(item);

    Map<String, Object> refused = Forms.classify("VILLAGE", CADRE);
    refused.put(HANDLING_LIST, "NO_SUCH_LIST");
    assertThatThrownBy(() -> steps.complete(CADRE, item, CLASSIFY_MATTER, refused))
        .isInstanceOf(InvalidSubmissionException.class);
    assertThat(messagesOf(number)).isEmpty();

    // The classification went through, the handling task and its message were written, then the
    // transaction they joined failed: neither is there.
    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
      steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
      assertThat(messagesOf(number)).hasSize(1);
      throw new IllegalStateException("something later in the same transaction failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(messagesOf(number)).isEmpty();
    assertThat(steps.task(item, CLASSIFY_MATTER)).isNotNull();
    worker.deliverDue();
    assertThat(robots.requests()).isZero();
  }

  @Test
  void aPetitionIsNeverToldToAGroup() {
    weComFor("LS01", "ls01-key");
    weComFor("LS", "ls-key");
    Map<String, Object> petition = Forms.register("LS01");
    petition.put(MATTER_TYPE, "PETITION");
    ProcessInstance item = steps.register(CADRE, petition);
    String number = steps.number(item);
    assertThat(ledger.findByNumber(number).orElseThrow().isSensitive()).isTrue();
    Map<String, Object> classify = Forms.classify("VILLAGE", "ls_zhan");
    classify.put(MATTER_TYPE, "PETITION");
    classify.put(SUBJECT, "DISPUTE");
    steps.complete("ls_zhan", item, CLASSIFY_MATTER, classify);
    assertThat(steps.task(item, cn.shuoshi.townhandling.TownHandlingProcess.TOWN_SIGN_FOR)).isNotNull();

    assertThat(messagesOf(number)).isEmpty();
    worker.deliverDue();
    assertThat(robots.requests()).isZero();
  }

  @Test
  void aConfidentialItemsTitleStaysOutOfTheGroup() {
    weComFor("LS01", "ls01-key");
    Map<String, Object> confidential = Forms.register("LS01");
    confidential.put(CONFIDENTIAL, true);
    String number = steps.number(classifiedToTheVillage("LS01", CADRE, confidential));
    worker.deliverDue();
    assertThat(robots.received()).singleElement().satisfies(r -> assertThat(r.content())
        .contains(number).contains(UnitNotices.CONFIDENTIAL_TITLE).contains("上河村").doesNotContain("自来水压力不足"));
  }

  @Test
  void withoutConfigurationNothingIsWrittenOrSent() {
    ShuoshiSettings.Notify unconfigured = new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("shuoshi.notifications", ShuoshiSettings.Notify.class);
    assertThat(unconfigured.channels()).isEmpty();
    assertThat(ShuoshiSettings.Notify.OFF.channels()).isEmpty();

    weComFor("LS01", "ls01-key");
    // One notices component as the service builds it without configuration, at a real new task.
    ProcessInstance item = classifiedToTheVillage("LS01", CADRE, Forms.register("LS01"));
    jdbc.update("delete from notification_outbox");
    String taskId = steps.task(item, HANDLE_MATTER).getId();
    UnitNotices withoutConfiguration = new UnitNotices(new ShuoshiSettings(settings.security(),
        settings.http(), settings.organisation(), settings.calendar(), settings.escalation(), settings.intake(),
        settings.speakingDay(), settings.closeOut(), settings.attachments(), unconfigured), unitChannels, outbox, ledger, org, clock);
    int written = engine.getCommandExecutorTxRequired().execute(command ->
        withoutConfiguration.newWork(command.getTaskManager().findTaskById(taskId)));
    assertThat(written).isZero();
    assertThat(outbox.list(null, 10)).isEmpty();
    // The same task with the channels on (the test profile) would be told: the check above is not vacuous.
    int on = engine.getCommandExecutorTxRequired().execute(command ->
        notices.newWork(command.getTaskManager().findTaskById(taskId)));
    assertThat(on).isEqualTo(1);
  }

  @Test
  void onlyAdministratorsConfigureRobotsAndTemplatesAndOnlyOnTheProvidersAddress() {
    Caller cadre = Caller.basic(port, CADRE, password(CADRE));
    assertThat(cadre.json("PUT", "/api/units/LS01/channels/WECOM",
        Map.of("webhookUrl", robots.weComWebhook("k"))).status()).isEqualTo(403);
    assertThat(cadre.json("PUT", "/api/notification-templates/NEW_WORK", Map.of("text", "x")).status()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from unit_channel", Integer.class)).isZero();

    Caller.Answer elsewhere = admin().json("PUT", "/api/units/LS01/channels/WECOM",
        Map.of("webhookUrl", "http://attacker.example/cgi-bin/webhook/send?key=k"));
    assertThat(elsewhere.status()).isEqualTo(400);
    assertThat(elsewhere.json().path("errors").has("webhookUrl")).isTrue();
    assertThat(admin().json("PUT", "/api/units/NOPE/channels/WECOM",
        Map.of("webhookUrl", robots.weComWebhook("k"))).status()).isEqualTo(404);
    assertThat(admin().json("PUT", "/api/units/LS01/channels/SMS",
        Map.of("webhookUrl", robots.weComWebhook("k"))).status()).isEqualTo(400);

    Caller.Answer typo = admin().json("PUT", "/api/notification-templates/NEW_WORK", Map.of("text", "新事项：{numbr}"));
    assertThat(typo.status()).isEqualTo(400);
    String original = jdbc.queryForObject("select body from notification_template where id = 'NEW_WORK'", String.class);
    try {
      Caller.Answer edited = admin().json("PUT", "/api/notification-templates/NEW_WORK",
          Map.of("text", "【说事解题】{village}有新事项 {number}：{title}，请于 {deadline} 前办结"));
      assertThat(edited.status()).as(edited.body()).isEqualTo(200);
      weComFor("LS01", "ls01-key");
      String number = steps.number(classifiedToTheVillage("LS01", CADRE, Forms.register("LS01")));
      worker.deliverDue();
      assertThat(robots.received()).singleElement().satisfies(r ->
          assertThat(r.content()).startsWith("【说事解题】上河村有新事项 " + number + "：自来水压力不足，请于 "));
    } finally {
      jdbc.update("update notification_template set body = ? where id = 'NEW_WORK'", original);
    }
  }

  void administrator(String id) {
    TestOrganisation.administrator(identity, authorizations, id, "消息管理员");
  }
}
