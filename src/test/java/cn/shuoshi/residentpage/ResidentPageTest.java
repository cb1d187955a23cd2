package cn.shuoshi.residentpage;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.reports.RatesCalculator;
import cn.shuoshi.reports.UnitRates;
import cn.shuoshi.resident.QuietHours;
import cn.shuoshi.resident.ResidentTexts;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The resident's page: status without personal data, the private link, the resident's own rating, the wait. */
@ShuoshiTest
class ResidentPageTest {

  static final String VILLAGE = "LS01";
  static final String CADRE = "ls01_ganbu1";
  static final String SECOND_CADRE = "ls01_ganbu2";
  static final String SECRETARY = "ls01_shuji";

  @Autowired MatterSteps steps;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired LedgerRepository ledger;
  @Autowired RequestLimits limits;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RatesCalculator rates;
  @Autowired Org org;

  @Autowired ResidentTexts texts;

  @BeforeEach
  void freshLimitsAndTextsOn() {
    limits.reset();
    texts.switchForTests(true);
  }

  @AfterEach
  void resetClockAndTexts() {
    ClockUtil.reset();
    texts.switchForTests(null);
  }

  record Item(ProcessInstance instance, String number, String token) {}

  Item registered() {
    ProcessInstance[] instance = new ProcessInstance[1];
    String token = ResidentTexts.capturingToken(() -> instance[0] = steps.register(CADRE, Forms.register(VILLAGE)));
    assertThat(token).isNotNull().matches("[A-Za-z0-9_-]{22}");
    return new Item(instance[0], steps.number(instance[0]), token);
  }

  Item waitingForRating() {
    Item item = registered();
    steps.complete(CADRE, item.instance(), CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    steps.complete(CADRE, item.instance(), HANDLE_MATTER, Forms.resolved());
    steps.complete(SECOND_CADRE, item.instance(), VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item.instance(), FEEDBACK_TO_RESIDENT, Forms.feedback());
    return item;
  }

  ResponseEntity<String> get(String path) {
    ResponseEntity<byte[]> r = http.exchange(path, HttpMethod.GET, HttpEntity.EMPTY, byte[].class);
    return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
        .body(r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8));
  }

  ResponseEntity<String> rate(String token, String satisfaction, String note) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("satisfaction", satisfaction);
    if (note != null) {
      form.add("satisfactionNote", note);
    }
    ResponseEntity<byte[]> r = http.exchange("/r/" + token, HttpMethod.POST, new HttpEntity<>(form, headers), byte[].class);
    return ResponseEntity.status(r.getStatusCode()).body(new String(r.getBody(), StandardCharsets.UTF_8));
  }

  Map<String, Object> row(String number) {
    return jdbc.queryForMap("select satisfaction, satisfaction_by, satisfaction_recorded_by, resident_satisfaction, "
        + "state from matter where matter_number = ?", number);
  }

  @Test
  void thePageShowsTheStatusAndTheStoryWithoutPersonalData() {
    Item item = waitingForRating();
    ResponseEntity<String> page = get("/r/" + item.token());
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
    assertThat(page.getBody()).contains(item.number(), "自来水压力不足", "满意度测评中", "办理结果", "请您评价办理结果",
        "上河村", "登记事项");
    // Neither the reporter nor any cadre: no name, no phone, no account.
    assertThat(page.getBody()).doesNotContain("李桂兰", "13912345678", "1391", CADRE, SECOND_CADRE, SECRETARY,
        org.cadreName(CADRE).orElseThrow(), org.cadreName(SECOND_CADRE).orElseThrow());
    // Only the hash is stored.
    assertThat(jdbc.queryForObject("select count(*) from resident_link where token_hash = ?", Integer.class,
        item.token())).isZero();
    assertThat(jdbc.queryForObject("select count(*) from resident_link l join matter m on m.id = l.matter_id "
        + "where m.matter_number = ?", Integer.class, item.number())).isEqualTo(1);
  }

  @Test
  void aWrongOrRevokedLinkLearnsNothing() {
    Item item = registered();
    ResponseEntity<String> wrong = get("/r/" + "A".repeat(22));
    ResponseEntity<String> malformed = get("/r/abc");
    assertThat(wrong.getStatusCode().value()).isEqualTo(404);
    assertThat(malformed.getStatusCode().value()).isEqualTo(404);
    assertThat(malformed.getBody()).isEqualTo(wrong.getBody()).contains("链接无效或已失效");

    // A cadre of another village may not revoke it; one of its own village does.
    assertThat(post("/api/matters/" + item.number() + "/resident-link/revoke", "ls02_ganbu1").getStatusCode().value())
        .isEqualTo(403);
    assertThat(get("/r/" + item.token()).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> revoked = post("/api/matters/" + item.number() + "/resident-link/revoke", SECOND_CADRE);
    assertThat(revoked.getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> after = get("/r/" + item.token());
    assertThat(after.getStatusCode().value()).isEqualTo(404);
    assertThat(after.getBody()).isEqualTo(wrong.getBody());
    assertThat(rate(item.token(), "SATISFIED", null).getStatusCode().value()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select revoked_by from resident_link l join matter m on m.id = l.matter_id "
        + "where m.matter_number = ?", String.class, item.number())).isEqualTo(SECOND_CADRE);
    // Re-issued: a new link by text message only, never shown to the cadre.
    ResponseEntity<String> reissued = post("/api/matters/" + item.number() + "/resident-link/reissue", SECOND_CADRE);
    assertThat(reissued.getStatusCode().value()).isEqualTo(200);
    assertThat(reissued.getBody()).doesNotContain("/r/");
    assertThat(jdbc.queryForObject("select count(*) from notification_outbox where recipient = ? and template_id = ?",
        Integer.class, "resident:" + item.number(), ResidentTexts.REGISTERED)).isEqualTo(2);
  }

  ResponseEntity<String> post(String path, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestOrganisation.password(user));
    ResponseEntity<byte[]> r = http.exchange(path, HttpMethod.POST, new HttpEntity<>(headers), byte[].class);
    return ResponseEntity.status(r.getStatusCode()).body(r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8));
  }

  @Test
  void tooManyRequestsAreAnswered429() {
    Item item = registered();
    for (int i = 0; i < 30; i++) {
      assertThat(get("/r/" + item.token()).getStatusCode().value()).isEqualTo(200);
    }
    ResponseEntity<String> beyond = get("/r/" + item.token());
    assertThat(beyond.getStatusCode().value()).isEqualTo(429);
    assertThat(beyond.getBody()).contains("访问过于频繁");
  }

  @Test
  void anAddressBeyondItsLimitAddsNoCountsForTheLinksItMakesUp() {
    for (int i = 0; i < 30; i++) {
      get("/r/" + String.format("%022d", i));
    }
    int counted = limits.size();
    for (int i = 30; i < 230; i++) {
      assertThat(get("/r/" + String.format("%022d", i)).getStatusCode().value()).isEqualTo(429);
    }
    // Refused at its address, the client's made-up links are not counted (kept in memory) one by one.
    assertThat(limits.size()).isEqualTo(counted);
  }

  @Test
  void theResidentsRatingCompletesTheStepAndCountsAsTheResidents() {
    Item item = waitingForRating();
    // 不满意 needs a reason: nothing changes without it.
    assertThat(rate(item.token(), "DISSATISFIED", null).getBody()).contains("请写明不满意的原因");
    assertThat(row(item.number()).get("satisfaction")).isNull();

    ResponseEntity<String> done = rate(item.token(), "SATISFIED", null);
    assertThat(done.getStatusCode().value()).isEqualTo(200);
    assertThat(done.getBody()).contains("您的评价已记录：满意", "已办结");
    assertThat(item.instance()).satisfies(i -> assertThat(tasks.createTaskQuery()
        .processInstanceBusinessKey(item.number()).count()).isZero());
    Map<String, Object> row = row(item.number());
    assertThat(row.get("satisfaction")).isEqualTo("SATISFIED");
    assertThat(row.get("satisfaction_by")).isEqualTo("RESIDENT");
    assertThat(row.get("resident_satisfaction")).isEqualTo("SATISFIED");
    assertThat(row.get("state")).isEqualTo("CLOSED");
    assertThat(jdbc.queryForMap("select e.actor, e.door from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind = ?", item.number(), REVIEW_SATISFACTION))
        .containsEntry("ACTOR", "resident").containsEntry("DOOR", "RESIDENT_PAGE");
    // The rating is counted as the resident's own.
    UnitRates month = rates.rates(org.unit(VILLAGE).orElseThrow(), YearMonth.now(EngineClock.BEIJING));
    assertThat(month.ratedByResident()).isGreaterThanOrEqualTo(1);
    // A second rating is not taken: the step is done.
    assertThat(rate(item.token(), "DISSATISFIED", "再评一次").getBody()).contains("不在评价阶段");
  }

  @Test
  void theHandlerCannotRecordTheRatingButAnotherCadreCan() {
    Item item = waitingForRating();
    // The handler does not even see it among the village's tasks (a REVOKE, as for verification) ...
    assertThatThrownBy(() -> steps.complete(CADRE, item.instance(), REVIEW_SATISFACTION, Forms.rated("SATISFIED", null)))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    // ... and given it anyway (an administrator's assignment), is refused with the reason.
    String taskId = tasks.createTaskQuery().processInstanceBusinessKey(item.number())
        .taskDefinitionKey(REVIEW_SATISFACTION).singleResult().getId();
    assertThatThrownBy(() -> tasks.setAssignee(taskId, CADRE)).hasMessageContaining("不能由本事项的办理人记录");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(item.number())
        .taskDefinitionKey(REVIEW_SATISFACTION).count()).isEqualTo(1);
    assertThat(row(item.number()).get("satisfaction")).isNull();

    steps.complete(SECRETARY, item.instance(), REVIEW_SATISFACTION, Forms.rated("BASICALLY_SATISFIED", null));
    Map<String, Object> row = row(item.number());
    assertThat(row.get("satisfaction_by")).isEqualTo("CADRE");
    assertThat(row.get("satisfaction_recorded_by")).isEqualTo(SECRETARY);
    assertThat(row.get("resident_satisfaction")).isNull();
  }

  @Test
  void anItemNobodyRatesClosesUnratedWhenTheWaitIsOver() {
    Item item = waitingForRating();
    Job timer = management.createJobQuery().processInstanceId(item.instance().getId()).timers()
        .activityId(RATING_WAIT_OVER).singleResult();
    assertThat(timer).isNotNull();
    assertThat(timer.getDuedate()).isAfter(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(9 * 86400)));
    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
    management.executeJob(timer.getId());

    Map<String, Object> row = row(item.number());
    assertThat(row.get("state")).isEqualTo("CLOSED");
    assertThat(row.get("satisfaction")).isEqualTo("UNRATED");
    assertThat(jdbc.queryForList("select e.kind from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? order by e.id", String.class, item.number())).containsSubsequence("UNRATED", "CLOSED");
    assertThat(get("/r/" + item.token()).getBody()).contains("未评价（超时）");
  }

  @Test
  void aMessageInTheQuietHoursWaitsUntilEightInTheMorning() {
    LocalDate day = LocalDate.now(EngineClock.BEIJING).plusDays(1);
    ClockUtil.setCurrentTime(Date.from(day.atTime(22, 30).atZone(EngineClock.BEIJING).toInstant()));
    Item item = registered();
    OffsetDateTime due = jdbc.queryForObject("select next_attempt_at from notification_outbox where recipient = ? "
        + "and template_id = ?", OffsetDateTime.class, "resident:" + item.number(), ResidentTexts.REGISTERED);
    assertThat(due.toInstant()).isEqualTo(day.plusDays(1).atTime(8, 0).atZone(EngineClock.BEIJING).toInstant());
    // No phone in the outbox: the recipient is the item.
    assertThat(jdbc.queryForObject("select count(*) from notification_outbox where template_params like '%13912345678%' "
        + "or recipient like '%1391%'", Integer.class)).isZero();
    assertThat(QuietHours.notBefore(day.atTime(7, 59).atZone(EngineClock.BEIJING).toInstant()))
        .isEqualTo(day.atTime(8, 0).atZone(EngineClock.BEIJING).toInstant());
    assertThat(QuietHours.notBefore(day.atTime(12, 0).atZone(EngineClock.BEIJING).toInstant()))
        .isEqualTo(day.atTime(12, 0).atZone(EngineClock.BEIJING).toInstant());
  }
}
