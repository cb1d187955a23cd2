package cn.shuoshi.notify;

import static cn.shuoshi.TestOrganisation.password;
import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Vars.SUPERVISION_MEASURE;
import static cn.shuoshi.matter.MatterProcess.Vars.SUPERVISION_OPINION;
import static cn.shuoshi.unithandling.UnitHandlingProcess.ESCALATION_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_OVERDUE_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.REMIND_HANDLER_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.SUPERVISE_OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Caller;
import cn.shuoshi.settings.ShuoshiSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14, who is told what on the cadres' side, with every channel on and pointed at loopback stand-ins:
 * the Tasklist's own notices (站内信), e-mail (GreenMail), the group robots ({@link RobotStandIn}) and SMS
 * (Alibaba Cloud SMS, {@link AliyunSmsStandIn}). The handler on the reminder, at the deadline and on the
 * supervision order; the town's supervisors on supervision and public notice; a supervisor's manual 催办;
 * each once, in order, to the right recipient, nothing for a step that rolled back, a resident's phone never
 * in the outbox. Time is the engine clock; timers are fired as jobs.
 */
@ShuoshiTest
class CadreChannelsTest {

  static final String HANDLER = "ls05_ganbu1";
  static final String OTHER_CADRE = "ls05_ganbu2";
  static final String SUPERVISOR = "ls_jiwei";
  static final String SUPERVISOR_2 = "ls_dangjian";
  static final String HANDLER_MAIL = "guo.mingliang@ls05.example.cn";
  static final String SUPERVISOR_MAIL = "mao.guoqing@ls.example.cn";

  static final RobotStandIn robots;
  static final AliyunSmsStandIn sms;
  static final GreenMail mail;

  static {
    try {
      robots = new RobotStandIn();
      sms = new AliyunSmsStandIn().template("SMS_480001", "number", "title", "village", "deadline")
          .template("SMS_480002", "number", "title", "link").template("SMS_480003", "number")
          .template("SMS_480004", "number");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
  }

  /**
   * Its own engine name: these settings make a Spring context of their own, and the webapps find an
   * engine by name in a JVM-wide registry — under "default" this context's engine would stand in for the
   * shared context's, whose webapp logins would then reach an engine nobody logged into. (The service's
   * API logs into its own context's engine by name: security.EngineRestAuthenticationFilter.)
   */
  static final String ENGINE = "channels";

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
    registry.add("shuoshi.notifications.channels", () -> "WECOM,DINGTALK,SMS,EMAIL,INBOX");
    registry.add("shuoshi.notifications.sms.endpoint", sms::endpoint);
    registry.add("shuoshi.notifications.sms.access-key-id", () -> AliyunSmsStandIn.ACCESS_KEY_ID);
    registry.add("shuoshi.notifications.sms.access-key-secret", () -> AliyunSmsStandIn.ACCESS_KEY_SECRET);
    registry.add("shuoshi.notifications.sms.sign-name", () -> AliyunSmsStandIn.SIGN_NAME);
    registry.add("shuoshi.notifications.sms.template-codes.[REMINDER]", () -> "SMS_480001");
    registry.add("shuoshi.notifications.sms.template-codes.[RESIDENT_REGISTERED]", () -> "SMS_480002");
    registry.add("shuoshi.notifications.sms.template-codes.[RESIDENT_RESULT]", () -> "SMS_480003");
    registry.add("shuoshi.notifications.sms.template-codes.[RESIDENT_RATING]", () -> "SMS_480004");
    registry.add("shuoshi.notifications.mail.host", () -> "127.0.0.1");
    registry.add("shuoshi.notifications.mail.port", () -> mail.getSmtp().getPort());
    registry.add("shuoshi.notifications.mail.from", () -> "notice@shuoshi.example.cn");
    registry.add("shuoshi.notifications.mail.security", () -> "none");
  }

  @AfterAll
  static void stopStandIns() {
    robots.close();
    sms.close();
    mail.stop();
  }

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired NotificationWorker worker;
  @Autowired Outbox outbox;
  @Autowired UnitChannels unitChannels;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired EngineClock clock;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ShuoshiSettings settings;
  @Autowired CadreNotices cadreNotices;
  @Autowired NotificationTemplates templates;
  @Autowired MailChannel mailChannel;
  @Autowired StaffNotices staffNotices;
  @Autowired cn.shuoshi.ledger.LedgerRepository ledger;
  @Autowired cn.shuoshi.resident.ResidentTexts residentTexts;
  @Autowired cn.shuoshi.directory.Org org;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine;
  @LocalServerPort int port;

  @BeforeEach
  void clean() throws Exception {
    forget();
    unitChannels.put("LS05", "WECOM", robots.weComWebhook("ls05-key"), null, "test", clock.now());
    unitChannels.put("LS", "WECOM", robots.weComWebhook("ls-key"), null, "test", clock.now());
    email(HANDLER, HANDLER_MAIL);
    email(SUPERVISOR, SUPERVISOR_MAIL);
  }

  @AfterEach
  void reset() throws Exception {
    ClockUtil.reset();
    forget();
    email(HANDLER, null);
    email(SUPERVISOR, null);
  }

  void forget() throws Exception {
    jdbc.update("delete from unit_channel");
    jdbc.update("delete from notification_outbox");
    jdbc.update("delete from cadre_notice");
    robots.reset();
    sms.reset();
    mail.purgeEmailFromAllMailboxes();
  }

  void email(String user, String address) {
    User cadre = identity.createUserQuery().userId(user).singleResult();
    cadre.setEmail(address);
    identity.saveUser(cadre);
  }

  ProcessInstance handledByTheVillage() {
    ProcessInstance item = steps.register(HANDLER, Forms.register("LS05"));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    return item;
  }

  List<String> notices(String user, String number) {
    return jdbc.queryForList("select template_id from cadre_notice where user_id = ? and matter_number = ? "
        + "order by id", String.class, user, number);
  }

  List<String> outboxOf(String number) {
    return outbox.list(null, 1000).stream().filter(m -> number.equals(m.parameters().get("number")))
        .sorted(java.util.Comparator.comparingLong(Outbox.Message::id))
        .map(m -> m.templateId() + " " + m.channel() + " " + m.recipient()).toList();
  }

  List<String> mailsTo(String address) throws Exception {
    List<String> texts = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      for (jakarta.mail.Address to : m.getRecipients(Message.RecipientType.TO)) {
        if (to.toString().equals(address)) {
          texts.add(m.getSubject() + "|" + GreenMailUtil.getBody(m));
        }
      }
    }
    return texts;
  }

  @Test
  void theHandlerAndTheSupervisorsAreToldOnceInOrderByEveryChannel() throws Exception {
    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    String handleTask = steps.task(item, HANDLE_MATTER).getId();
    worker.deliverDue();
    robots.reset(); // the unit's new work (covered by GroupRobotsTest)

    items.fire(item, REMIND_HANDLER_TIMER);
    assertThat(notices(HANDLER, number)).containsExactly("REMINDER");
    assertThat(jdbc.queryForObject("select task_id from cadre_notice where user_id = ? and matter_number = ?",
        String.class, HANDLER, number)).as("the notice leads to the handler's task").isEqualTo(handleTask);

    items.fire(item, HANDLE_OVERDUE_TIMER);
    String superviseTask = steps.task(item, SUPERVISE_OVERDUE).getId();
    assertThat(notices(HANDLER, number)).containsExactly("REMINDER", "OVERDUE");
    assertThat(notices(SUPERVISOR, number)).containsExactly("SUPERVISE");
    assertThat(notices(SUPERVISOR_2, number)).containsExactly("SUPERVISE");
    assertThat(jdbc.queryForObject("select task_id from cadre_notice where user_id = ? and template_id = 'SUPERVISE'"
        + " and matter_number = ?", String.class, SUPERVISOR, number)).isEqualTo(superviseTask);
    assertThat(notices(OTHER_CADRE, number)).as("the handler took it: the unit's others are not told").isEmpty();

    steps.complete(SUPERVISOR, item, SUPERVISE_OVERDUE,
        Map.of(SUPERVISION_MEASURE, "URGE", SUPERVISION_OPINION, "请两日内办结并报告。"));
    assertThat(notices(HANDLER, number)).containsExactly("REMINDER", "OVERDUE", "SUPERVISED");

    items.fire(item, ESCALATION_TIMER);
    assertThat(notices(SUPERVISOR, number)).containsExactly("SUPERVISE", "PUBLIC_NOTICE");
    assertThat(notices(HANDLER, number)).hasSize(3);

    assertThat(outboxOf(number)).as("nothing leaves inside the steps").containsExactly(
        // The resident gave a mobile number: their receipt with the private link (resident.ResidentTexts).
        "RESIDENT_REGISTERED SMS resident:" + number,
        "NEW_WORK WECOM LS05",
        "REMINDER EMAIL cadre:" + HANDLER, "REMINDER WECOM LS05",
        "OVERDUE EMAIL cadre:" + HANDLER, "OVERDUE WECOM LS05",
        "SUPERVISE EMAIL cadre:" + SUPERVISOR, "SUPERVISE WECOM LS",
        "SUPERVISED EMAIL cadre:" + HANDLER, "SUPERVISED WECOM LS05",
        "PUBLIC_NOTICE EMAIL cadre:" + SUPERVISOR, "PUBLIC_NOTICE WECOM LS",
        // escalated to the town: new work on the town's desk
        "NEW_WORK WECOM LS");
    assertThat(robots.requests()).isZero();
    assertThat(mail.getReceivedMessages()).isEmpty();

    assertThat(worker.deliverDue().sent()).isEqualTo(11);
    assertThat(worker.deliverDue().sent()).as("each once").isZero();

    assertThat(robots.received()).extracting(r -> r.robot() + " " + r.content().substring(0, r.content().indexOf('：')))
        .containsExactly("ls05-key 催办", "ls05-key 已超期", "ls-key 督办", "ls05-key 督办意见已下达", "ls-key 通报",
            "ls-key 新事项待办");
    assertThat(robots.received()).allSatisfy(r -> assertThat(r.content()).contains(number).contains("自来水压力不足")
        .doesNotContain("李桂兰").doesNotContain("13912345678").doesNotContain("二组"));
    List<String> handlerMails = mailsTo(HANDLER_MAIL);
    assertThat(handlerMails).hasSize(3);
    assertThat(handlerMails.get(0)).startsWith("【说事解题】催办：" + number).contains("自来水压力不足")
        .doesNotContain("李桂兰").doesNotContain("13912345678");
    assertThat(handlerMails.get(1)).startsWith("【说事解题】已超期：" + number);
    assertThat(handlerMails.get(2)).startsWith("【说事解题】督办意见已下达：" + number);
    assertThat(mailsTo(SUPERVISOR_MAIL)).extracting(m -> m.substring(0, m.indexOf('：')))
        .containsExactly("【说事解题】督办", "【说事解题】通报");
    assertThat(mail.getReceivedMessages()).hasSize(5);
  }

  @Test
  void aStepThatRollsBackTellsNobody() {
    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    jdbc.update("delete from notification_outbox");
    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
      items.fire(item, REMIND_HANDLER_TIMER);
      assertThat(notices(HANDLER, number)).hasSize(1);
      assertThat(outboxOf(number)).hasSize(2);
      throw new IllegalStateException("something later in the same transaction failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(notices(HANDLER, number)).isEmpty();
    assertThat(outboxOf(number)).isEmpty();
    worker.deliverDue();
    assertThat(robots.requests()).isZero();
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aCadreReadsOnlyTheirOwnNoticesAndOpeningOneMarksItRead() {
    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    items.fire(item, REMIND_HANDLER_TIMER);
    items.fire(item, HANDLE_OVERDUE_TIMER);

    Caller handler = Caller.basic(port, HANDLER, password(HANDLER));
    JsonNode mine = handler.get("/api/notices").json();
    assertThat(mine.path("unread").asInt()).isEqualTo(2);
    assertThat(mine.path("notices")).hasSize(2);
    JsonNode newest = mine.path("notices").get(0);
    assertThat(newest.path("kind").asText()).isEqualTo("OVERDUE");
    assertThat(newest.path("text").asText()).startsWith("已超期：" + number).contains("自来水压力不足");
    assertThat(newest.path("taskId").asText()).isEqualTo(steps.task(item, HANDLE_MATTER).getId());
    assertThat(newest.path("read").asBoolean()).isFalse();
    long id = newest.path("id").asLong();

    // Another cadre: nothing of the handler's, and cannot mark it.
    Caller other = Caller.basic(port, OTHER_CADRE, password(OTHER_CADRE));
    assertThat(other.get("/api/notices").json().path("notices").toString()).doesNotContain(number);
    assertThat(other.json("POST", "/api/notices/" + id + "/read", null).status()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from cadre_notice where read_at is not null", Integer.class)).isZero();
    assertThat(Caller.anonymous(port).get("/api/notices").status()).isIn(401, 403);

    Caller.Answer opened = handler.json("POST", "/api/notices/" + id + "/read", null);
    assertThat(opened.status()).as(opened.body()).isEqualTo(200);
    assertThat(opened.json().path("read").asBoolean()).isTrue();
    assertThat(opened.json().path("taskId").asText()).isEqualTo(steps.task(item, HANDLE_MATTER).getId());
    assertThat(handler.get("/api/notices").json().path("unread").asInt()).isEqualTo(1);

    // The Tasklist reads the same through its session; a stranger's session sees none of it.
    Caller tasklist = Caller.browser(port, ENGINE);
    assertThat(tasklist.logIn(ENGINE, "tasklist", HANDLER, password(HANDLER)).status()).isEqualTo(200);
    String plugin = "/camunda/api/tasklist/plugin/shuoshiNotices/" + ENGINE + "/notices";
    Caller.Answer inTasklist = tasklist.get(plugin);
    assertThat(inTasklist.status()).as(inTasklist.body()).isEqualTo(200);
    assertThat(inTasklist.json().path("unread").asInt()).isEqualTo(1);
    assertThat(inTasklist.json().path("notices")).hasSize(2);
    Caller stranger = Caller.browser(port, ENGINE);
    assertThat(stranger.logIn(ENGINE, "tasklist", OTHER_CADRE, password(OTHER_CADRE)).status()).isEqualTo(200);
    assertThat(stranger.get(plugin).body()).doesNotContain(number);
    assertThat(Caller.anonymous(port).get(plugin).status()).isIn(401, 403);
    assertThat(tasklist.get("/camunda/api/tasklist/plugin/shuoshiNotices/static/app/plugin.js").status()).isEqualTo(200);
  }

  @Test
  void aSupervisorsManualUrgeIsOnTheLedgerAndReachesTheHandlerOnceAMinute() {
    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    jdbc.update("delete from notification_outbox");
    Instant start = clock.now();
    ClockUtil.setCurrentTime(Date.from(start));

    // Refused for anybody but the town's supervisors and the county centre, nothing written.
    for (String cadre : List.of(OTHER_CADRE, "ls05_shuji", HANDLER)) {
      Caller.Answer refused = Caller.basic(port, cadre, password(cadre))
          .json("POST", "/api/matters/" + number + "/urge", Map.of("note", "快办"));
      assertThat(refused.status()).as(cadre).isEqualTo(403);
      assertThat(refused.body()).contains("只有事项所在镇的督办人员和县民情处理中心可以催办");
    }
    assertThat(Caller.anonymous(port).json("POST", "/api/matters/" + number + "/urge", null).status()).isIn(401, 403);
    // A number that does not exist is answered the same to a village cadre: numbers cannot be probed.
    Caller.Answer probe = Caller.basic(port, OTHER_CADRE, password(OTHER_CADRE))
        .json("POST", "/api/matters/LS05-2099-99999/urge", null);
    assertThat(probe.status()).isEqualTo(403);
    assertThat(probe.body()).contains("只有事项所在镇的督办人员和县民情处理中心可以催办");
    assertThat(urges(number)).isZero();
    assertThat(outboxOf(number)).isEmpty();
    assertThat(notices(HANDLER, number)).isEmpty();

    Caller supervisor = Caller.basic(port, SUPERVISOR, password(SUPERVISOR));
    Caller.Answer urged = supervisor.json("POST", "/api/matters/" + number + "/urge", Map.of("note", "请本周内办结"));
    assertThat(urged.status()).as(urged.body()).isEqualTo(200);
    assertThat(urged.json().path("urged").asBoolean()).isTrue();
    assertThat(urges(number)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select e.actor || '|' || e.note from matter_event e join matter m on m.id = "
        + "e.matter_id where m.matter_number = ? and e.kind = 'URGED'", String.class, number))
        .isEqualTo(SUPERVISOR + "|督办人员催办：请本周内办结");
    assertThat(notices(HANDLER, number)).containsExactly("URGED");
    assertThat(outboxOf(number)).containsExactly("URGED EMAIL cadre:" + HANDLER, "URGED WECOM LS05");

    // The same urge again within the minute: answered, nothing written or sent twice.
    ClockUtil.setCurrentTime(Date.from(start.plusSeconds(20)));
    Caller.Answer again = supervisor.json("POST", "/api/matters/" + number + "/urge", null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("urged").asBoolean()).isFalse();
    assertThat(urges(number)).isEqualTo(1);
    assertThat(outboxOf(number)).hasSize(2);
    assertThat(worker.deliverDue().sent()).isEqualTo(2);
    assertThat(robots.received()).singleElement().satisfies(r ->
        assertThat(r.content()).startsWith("督办人员催办：" + number).doesNotContain("请本周内办结"));

    // The county centre may urge too, later.
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(5))));
    Caller centre = Caller.basic(port, "yl_zhongxin", password("yl_zhongxin"));
    assertThat(centre.json("POST", "/api/matters/" + number + "/urge", null).json().path("urged").asBoolean()).isTrue();
    assertThat(urges(number)).isEqualTo(2);
    assertThat(notices(HANDLER, number)).containsExactly("URGED", "URGED");
  }

  int urges(String number) {
    return jdbc.queryForObject("select count(*) from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind = 'URGED'", Integer.class, number);
  }

  @Test
  void anSmsReachesTheResidentsMobileWhichNeverEntersTheOutbox() {
    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    jdbc.update("delete from notification_outbox");
    Map<String, String> parameters = Map.of("number", number, "title", "自来水压力不足，二组地势高每天下午水压不足做饭用水困难请尽快解决并反馈结果给二组群众",
        "village", "上坪村", "deadline", "2026年12月4日");
    enqueueSms("sms-1:" + number, number, parameters);

    assertThat(outbox.list(null, 10)).singleElement().satisfies(m -> {
      assertThat(m.recipient()).isEqualTo("resident:" + number);
      assertThat(m.toString() + m.parameters() + m.idempotencyKey()).doesNotContain("13912345678");
    });
    assertThat(worker.deliverDue().sent()).isEqualTo(1);
    assertThat(sms.refusals()).isEmpty();
    assertThat(sms.received()).singleElement().satisfies(r -> {
      assertThat(r.phone()).isEqualTo("13912345678");
      assertThat(r.templateCode()).isEqualTo("SMS_480001");
      assertThat(r.parameters()).containsEntry("number", number).containsEntry("village", "上坪村");
      assertThat(r.parameters().get("title").codePointCount(0, r.parameters().get("title").length())).isEqualTo(35);
    });

    // A number given as +86 with spaces is sent as the provider wants it; a landline is not sent at all.
    sms.reset();
    jdbc.update("update matter set reporter_phone = ? where matter_number = ?", "+86 139 1234 5678", number);
    enqueueSms("sms-2:" + number, number, parameters);
    assertThat(worker.deliverDue().sent()).isEqualTo(1);
    assertThat(sms.received()).singleElement().satisfies(r -> assertThat(r.phone()).isEqualTo("13912345678"));
    jdbc.update("update matter set reporter_phone = ? where matter_number = ?", "0731-8888888", number);
    enqueueSms("sms-3:" + number, number, parameters);
    assertThat(worker.deliverDue().failed()).isEqualTo(1);
    assertThat(sms.requests()).isEqualTo(1);
    assertThat(outbox.list(Outbox.State.FAILED, 10)).singleElement().satisfies(m ->
        assertThat(m.lastError()).contains("没有可用的大陆手机号").doesNotContain("0731"));
  }

  @Test
  void aFailingSmsProviderIsRetriedWithBackOffThenFailed() {
    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    jdbc.update("delete from notification_outbox");
    Instant start = clock.now();
    ClockUtil.setCurrentTime(Date.from(start));
    enqueueSms("sms-f:" + number, number, Map.of("number", number, "title", "t", "village", "v", "deadline", "d"));

    sms.failWithStatus(503);
    assertThat(worker.deliverDue()).isEqualTo(new NotificationWorker.Run(0, 1, 0));
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(1))));
    sms.failWithCode("isp.SYSTEM_ERROR");
    assertThat(worker.deliverDue()).isEqualTo(new NotificationWorker.Run(0, 1, 0));
    assertThat(outbox.list(null, 1).get(0).lastError()).contains("isp.SYSTEM_ERROR");
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(3))));
    assertThat(worker.deliverDue()).isEqualTo(new NotificationWorker.Run(0, 0, 1));
    assertThat(outbox.list(null, 1).get(0).state()).isEqualTo(Outbox.State.FAILED);
    assertThat(sms.requests()).isEqualTo(3);
    assertThat(sms.received()).isEmpty();

    // A parameter the provider's template wants is missing: refused by the provider, FAILED at once.
    jdbc.update("delete from notification_outbox");
    sms.reset();
    enqueueSms("sms-t:" + number, number, Map.of("number", number, "title", "t", "village", "v"));
    assertThat(worker.deliverDue().failed()).as("a parameter missing from the template").isEqualTo(1);
    assertThat(sms.refusals()).singleElement().asString().startsWith("isv.TEMPLATE_MISSING_PARAMETERS");
  }

  void enqueueSms(String key, String number, Map<String, String> parameters) {
    new TransactionTemplate(transactions).executeWithoutResult(s ->
        outbox.enqueue(key, AliyunSms.ID, AliyunSms.RESIDENT + number, "REMINDER", parameters, clock.now()));
  }

  @Test
  void withoutConfigurationNobodyIsToldAndTheChannelsAreOff() {
    ShuoshiSettings.Notify unconfigured = new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("shuoshi.notifications", ShuoshiSettings.Notify.class);
    assertThat(unconfigured.channels()).isEmpty();
    assertThat(unconfigured.sms().isConfigured()).isFalse();
    assertThat(unconfigured.mail().isConfigured()).isFalse();
    assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of("shuoshi.notifications.channels", "SMS")))
        .bindOrCreate("shuoshi.notifications", ShuoshiSettings.Notify.class))
        .hasStackTraceContaining("shuoshi.notifications.sms needs access-key-id");

    ProcessInstance item = handledByTheVillage();
    String number = steps.number(item);
    StaffNotices off = new StaffNotices(new ShuoshiSettings(settings.security(), settings.http(),
        settings.organisation(), settings.calendar(), settings.escalation(), settings.intake(), settings.speakingDay(),
        settings.closeOut(), settings.attachments(), unconfigured), outbox, cadreNotices, unitChannels, templates,
        mailChannel, ledger, org, clock, identity, taskService, runtime, engine);
    String taskId = steps.task(item, HANDLE_MATTER).getId();
    jdbc.update("delete from notification_outbox");
    int written = engine.getCommandExecutorTxRequired().execute(command ->
        off.toHandler(command.getTaskManager().findTaskById(taskId).getExecution(), "REMINDER", "off"));
    assertThat(written).isZero();
    assertThat(notices(HANDLER, number)).isEmpty();
    assertThat(outboxOf(number)).isEmpty();
    // The same with the channels on: the check above is not vacuous.
    int on = engine.getCommandExecutorTxRequired().execute(command ->
        staffNotices.toHandler(command.getTaskManager().findTaskById(taskId).getExecution(), "REMINDER", "on"));
    assertThat(on).isEqualTo(3);
  }

  @Test
  void theProvidersSignatureFollowsItsDocumentedExample() {
    // Alibaba Cloud's percent-encoding: space %20, * %2A, ~ kept, UTF-8 bytes in upper-case hex.
    assertThat(AliyunSms.percentEncode("a b*c~d/说")).isEqualTo("a%20b%2Ac~d%2F%E8%AF%B4");
    assertThat(AliyunSms.mainlandMobile("13912345678")).contains("13912345678");
    assertThat(AliyunSms.mainlandMobile("12912345678")).isEmpty();
    assertThat(AliyunSms.mainlandMobile("+8613912345678")).contains("13912345678");
    assertThat(AliyunSms.mainlandMobile("1391234567")).isEmpty();
  }

  /**
   * What each channel has delivered so far, one line per message ({@code robot <key> <kind>}, {@code sms <phone>
   * <template code>}, {@code mail <address> <kind>}, {@code notice <user> <kind>}); {@link #next()} answers the
   * lines added since the last call, channel by channel in the order each took them.
   */
  final class Deliveries {
    final int[] seen = new int[4];
    // GreenMail lists its messages mailbox by mailbox, not as they arrived: kept here in the order first seen.
    final List<String> mailIds = new ArrayList<>();
    final List<String> mailLines = new ArrayList<>();

    List<String> mails() throws Exception {
      for (MimeMessage m : mail.getReceivedMessages()) {
        if (!mailIds.contains(m.getMessageID())) {
          mailIds.add(m.getMessageID());
          mailLines.add("mail " + m.getRecipients(Message.RecipientType.TO)[0] + " "
              + m.getSubject().substring(0, m.getSubject().indexOf('：')));
        }
      }
      return List.copyOf(mailLines);
    }

    List<String> next(String number) throws Exception {
      List<List<String>> now = List.of(
          robots.received().stream().map(r -> "robot " + r.robot() + " " + r.content().substring(0,
              r.content().indexOf('：'))).toList(),
          sms.received().stream().map(r -> "sms " + r.phone() + " " + r.templateCode()).toList(),
          mails(),
          jdbc.queryForList("select user_id || ' ' || template_id from cadre_notice where matter_number = ? "
              + "order by id", String.class, number).stream().map(n -> "notice " + n).toList());
      List<String> added = new ArrayList<>();
      for (int i = 0; i < now.size(); i++) {
        added.addAll(now.get(i).subList(seen[i], now.get(i).size()));
        seen[i] = now.get(i).size();
      }
      return added;
    }
  }

  /**
   * Issue 14, end to end: one item from registration to the resident's own rating, every channel on and
   * pointed at its stand-in, the worker run after each step. Each step's messages arrive after it and
   * before the next one's, each once, to the right recipient: the resident's texts (receipt with the
   * private link, result, rating request) to their phone; new work, reminder, deadline, 督办 and its order
   * to the village's and the town's group robots, the handler's and the supervisor's mailboxes and
   * Tasklist notices; nothing personal in a group; the rating given on {@code /r/{token}} is the resident's.
   */
  @Test
  void anItemFromRegistrationToTheResidentsRatingTellsEachOneOnceInOrder() throws Exception {
    // Daytime in Beijing: a resident's text is not held for the night.
    java.time.ZonedDateTime morning = java.time.LocalDate.now(EngineClock.BEIJING).atTime(10, 0)
        .atZone(EngineClock.BEIJING);
    ClockUtil.setCurrentTime(Date.from(morning.toInstant()));
    Deliveries deliveries = new Deliveries();
    String handlerMail = "mail " + HANDLER_MAIL + " 【说事解题】";
    String supervisorMail = "mail " + SUPERVISOR_MAIL + " 【说事解题】";

    ProcessInstance[] registered = new ProcessInstance[1];
    String token = cn.shuoshi.resident.ResidentTexts.capturingToken(
        () -> registered[0] = steps.register(HANDLER, Forms.register("LS05")));
    ProcessInstance item = registered[0];
    String number = steps.number(item);
    assertThat(token).isNotNull();
    assertThat(worker.deliverDue().sent()).isEqualTo(1);
    assertThat(deliveries.next(number)).containsExactly("sms 13912345678 SMS_480002");
    AliyunSmsStandIn.Received receipt = sms.received().get(0);
    assertThat(receipt.parameters()).containsEntry("number", number).containsKey("title").containsKey("link");
    // The private link: the provider's approved template holds the page's address, the message its token
    // (whole, within the 35 characters a variable may have), and that address with it opens this item's page.
    String sentToken = receipt.parameters().get("link");
    assertThat(sentToken).isEqualTo(token).hasSize(22);
    assertThat(Caller.anonymous(port).get("/r/" + sentToken).body()).contains(number);

    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    worker.deliverDue();
    assertThat(deliveries.next(number)).containsExactly("robot ls05-key 新事项待办");

    items.fire(item, REMIND_HANDLER_TIMER);
    worker.deliverDue();
    assertThat(deliveries.next(number)).containsExactly("robot ls05-key 催办", handlerMail + "催办",
        "notice " + HANDLER + " REMINDER");

    items.fire(item, HANDLE_OVERDUE_TIMER);
    worker.deliverDue();
    // One step, several recipients: the two supervisors' notices are written in no particular order.
    assertThat(deliveries.next(number)).containsExactlyInAnyOrder("robot ls05-key 已超期", "robot ls-key 督办",
        handlerMail + "已超期", supervisorMail + "督办", "notice " + HANDLER + " OVERDUE",
        "notice " + SUPERVISOR + " SUPERVISE", "notice " + SUPERVISOR_2 + " SUPERVISE");

    steps.complete(SUPERVISOR, item, SUPERVISE_OVERDUE,
        Map.of(SUPERVISION_MEASURE, "URGE", SUPERVISION_OPINION, "请两日内办结并报告。"));
    worker.deliverDue();
    assertThat(deliveries.next(number)).containsExactly("robot ls05-key 督办意见已下达", handlerMail + "督办意见已下达",
        "notice " + HANDLER + " SUPERVISED");

    // The result is verified late in the evening: the resident's text waits for the morning (quiet hours).
    java.time.LocalDate day = clock.nowInBeijing().toLocalDate();
    ClockUtil.setCurrentTime(Date.from(day.atTime(22, 30).atZone(EngineClock.BEIJING).toInstant()));
    steps.complete(HANDLER, item, HANDLE_MATTER, Forms.resolved());
    steps.complete(OTHER_CADRE, item, cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT,
        Forms.verified("CONFIRMED", null));
    assertThat(worker.deliverDue().sent()).as("held until 08:00").isZero();
    ClockUtil.setCurrentTime(Date.from(day.plusDays(1).atTime(7, 59).atZone(EngineClock.BEIJING).toInstant()));
    assertThat(worker.deliverDue().sent()).as("held until 08:00").isZero();
    ClockUtil.setCurrentTime(Date.from(day.plusDays(1).atTime(8, 0).atZone(EngineClock.BEIJING).toInstant()));
    worker.deliverDue();
    assertThat(deliveries.next(number)).as("the result is there").containsExactly("sms 13912345678 SMS_480003");
    ClockUtil.setCurrentTime(Date.from(day.plusDays(1).atTime(10, 0).atZone(EngineClock.BEIJING).toInstant()));

    steps.complete(HANDLER, item, cn.shuoshi.matter.MatterProcess.Elements.FEEDBACK_TO_RESIDENT, Forms.feedback());
    worker.deliverDue();
    assertThat(deliveries.next(number)).as("the rating request").containsExactly("sms 13912345678 SMS_480004");
    assertThat(sms.received()).extracting(r -> r.parameters().get("number")).containsOnly(number);

    // The resident follows the link and rates.
    Caller resident = Caller.anonymous(port);
    Caller.Answer page = resident.get("/r/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(number, "满意度测评中", "请您评价办理结果").doesNotContain("13912345678", "李桂兰");
    Caller.Answer rated = resident.send("POST", "/r/" + token, "application/x-www-form-urlencoded",
        "satisfaction=SATISFIED");
    assertThat(rated.status()).as(rated.body()).isEqualTo(200);
    assertThat(rated.body()).contains("您的评价已记录：满意");
    assertThat(jdbc.queryForObject("select satisfaction || ' ' || satisfaction_by from matter where matter_number = ?",
        String.class, number)).isEqualTo("SATISFIED RESIDENT");
    assertThat(Caller.anonymous(port).get("/r/" + "A".repeat(43)).status()).as("a wrong token").isEqualTo(404);

    // Each once: nothing left to send, nothing sent again, nothing failed, nothing after the rating.
    assertThat(worker.deliverDue()).isEqualTo(new NotificationWorker.Run(0, 0, 0));
    assertThat(deliveries.next(number)).isEmpty();
    assertThat(outbox.list(null, 1000).stream().filter(m -> number.equals(m.parameters().get("number"))))
        .hasSize(12).allSatisfy(m -> assertThat(m.state()).isEqualTo(Outbox.State.SENT));
    assertThat(robots.refusals()).isEmpty();
    assertThat(sms.refusals()).isEmpty();
    // Groups get the item's number, title, village and deadline: not the resident, their phone or address.
    assertThat(robots.received()).hasSize(5).allSatisfy(r -> assertThat(r.content()).contains(number)
        .doesNotContain("李桂兰").doesNotContain("13912345678").doesNotContain("二组").doesNotContain(token));
  }
}
