package cn.shuoshi.residentpage;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.notify.Outbox;
import cn.shuoshi.resident.ResidentTexts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Online registration on the resident's page ({@code /r/new}), and the private link kept out of sight in the outbox. */
@ShuoshiTest
class OnlineRegistrationTest {

  static final String VILLAGE = "LS01";
  static final String ADMIN = "online_admin";
  static final Pattern SEAL = Pattern.compile("name=\"form\" value=\"([^\"]+)\"");
  static final Pattern LINK = Pattern.compile("href=\"([A-Za-z0-9_-]{22})\"");
  static final Pattern NUMBER = Pattern.compile("id=\"number\">([A-Z0-9-]+)<");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RequestLimits limits;
  @Autowired ResidentTexts texts;
  @Autowired OnlineIntakes intakes;
  @Autowired Outbox outbox;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  @BeforeEach
  void fresh() {
    limits.reset();
    texts.switchForTests(true);
    // The day's counts are per client address: every test starts the day afresh.
    jdbc.update("delete from online_intake");
  }

  @AfterEach
  void reset() {
    texts.switchForTests(null);
    jdbc.update("delete from online_intake");
  }

  record Page(int status, String body) {}

  Page get(String path) {
    ResponseEntity<byte[]> r = http.exchange(path, HttpMethod.GET, HttpEntity.EMPTY, byte[].class);
    return new Page(r.getStatusCode().value(), r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8));
  }

  Page post(Map<String, String> fields) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType(MediaType.APPLICATION_FORM_URLENCODED, StandardCharsets.UTF_8));
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach((k, v) -> {
      if (v != null) {
        form.add(k, v);
      }
    });
    ResponseEntity<byte[]> r = http.exchange("/r/new", HttpMethod.POST, new HttpEntity<>(form, headers), byte[].class);
    return new Page(r.getStatusCode().value(), r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8));
  }

  /** A filled form, sealed a minute ago (as a person would have opened it). */
  Map<String, String> filled(String phone) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("village", VILLAGE);
    form.put("form", intakes.seal(VILLAGE, Instant.now().minusSeconds(60)));
    form.put("website", "");
    form.put("reporterName", "王秀英");
    form.put("reporterPhone", phone);
    form.put("title", "村口路灯不亮");
    form.put("description", "村口到小学的三盏路灯坏了一个多月，晚上孩子放学路黑。");
    form.put("matterType", "PROBLEM");
    form.put("subject", "INFRASTRUCTURE");
    return form;
  }

  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : List.of("matter", "online_intake", "notification_outbox", "resident_link", "matter_event")) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table, Integer.class));
    }
    counts.put("engine", jdbc.queryForObject("select count(*) from ACT_HI_PROCINST", Integer.class));
    return counts;
  }

  static String find(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  @Test
  void aResidentRegistersOnlineAndGetsTheNumberAndTheLink() {
    Page form = get("/r/new?village=" + VILLAGE);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("在线反映事项", "上河村", "不接收短信", "您的姓名", "手机号码", "name=\"website\"");
    assertThat(find(SEAL, form.body())).isNotBlank();

    Page done = post(filled("13800001111"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    String number = find(NUMBER, done.body());
    String token = find(LINK, done.body());
    assertThat(done.body()).contains("已登记", "/r/" + token);

    Map<String, Object> row = jdbc.queryForMap("select channel, registered_by, reporter_phone, resident_texts from matter "
        + "where matter_number = ?", number);
    assertThat(row.get("channel")).isEqualTo("ONLINE");
    assertThat(row.get("registered_by")).isEqualTo("resident");
    assertThat(row.get("reporter_phone")).isEqualTo("13800001111");
    assertThat(jdbc.queryForMap("select e.actor, e.door from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? order by e.id limit 1", number))
        .containsEntry("ACTOR", "resident").containsEntry("DOOR", "RESIDENT_PAGE");
    // Counted by hashes only.
    Map<String, Object> intake = jdbc.queryForMap("select ip_hash, phone_hash from online_intake where matter_number = ?",
        number);
    assertThat(intake.get("PHONE_HASH").toString()).hasSize(64).doesNotContain("13800001111");
    assertThat(intake.get("IP_HASH").toString()).hasSize(64).doesNotContain("127.0.0.1");
    // The text message with the number and the link, as for any registration.
    List<Outbox.Message> receipts = outbox.list(null, 1000).stream()
        .filter(m -> ("resident:" + number).equals(m.recipient())).toList();
    assertThat(receipts).singleElement().satisfies(m -> {
      assertThat(m.templateId()).isEqualTo(ResidentTexts.REGISTERED);
      assertThat(m.parameters()).containsEntry("number", number).containsEntry("link", texts.linkOf(token));
    });
    // The link opens the item's page.
    Page page = get("/r/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(number, "村口路灯不亮").doesNotContain("王秀英", "13800001111");
  }

  @Test
  void aResidentWhoRefusesTextsSeesTheLinkAndGetsNoMessage() {
    Map<String, String> form = filled("13800002222");
    form.put("smsRefused", "true");
    Page done = post(form);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    String number = find(NUMBER, done.body());
    String token = find(LINK, done.body());
    assertThat(done.body()).contains("不接收短信");
    assertThat(get("/r/" + token).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from notification_outbox where recipient = ?", Integer.class,
        "resident:" + number)).isZero();
  }

  @Test
  void badInputIsRefusedInChineseAndLeavesNothing() {
    Map<String, Integer> before = counts();

    Map<String, String> noName = filled("13800003333");
    noName.put("reporterName", " ");
    noName.put("reporterPhone", "12345");
    Page refused = post(noName);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("请填写您的姓名", "手机号码应为11位数字", "村口路灯不亮");

    Map<String, String> badType = filled("13800003333");
    badType.put("matterType", "NOT_A_TYPE");
    assertThat(post(badType).body()).contains("请选择事项类型");

    Map<String, String> tooFast = filled("13800003333");
    tooFast.put("form", intakes.seal(VILLAGE, Instant.now()));
    Page fast = post(tooFast);
    assertThat(fast.status()).isEqualTo(400);
    assertThat(fast.body()).contains("提交过快");

    Map<String, String> forged = filled("13800003333");
    forged.put("form", intakes.seal("LS02", Instant.now().minusSeconds(60)));
    assertThat(post(forged).body()).contains("表单已失效");
    Map<String, String> unsealed = filled("13800003333");
    unsealed.remove("form");
    assertThat(post(unsealed).status()).isEqualTo(400);
    Map<String, String> stale = filled("13800003333");
    stale.put("form", intakes.seal(VILLAGE, Instant.now().minusSeconds(2 * 86400)));
    assertThat(post(stale).body()).contains("表单已失效");

    Map<String, String> robot = filled("13800003333");
    robot.put("website", "http://spam.example");
    Page trapped = post(robot);
    assertThat(trapped.status()).isEqualTo(400);
    assertThat(trapped.body()).contains("未能登记");

    Map<String, String> huge = filled("13800003333");
    huge.put("description", "很".repeat(40_000));
    Page tooLarge = post(huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("提交的内容过多", "32 KB");

    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void anUnknownOrRetiredVillageIsNotFound() {
    Page unknown = get("/r/new?village=XX99");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("没有这个村（社区）");
    assertThat(get("/r/new").status()).isEqualTo(404);
    // A town is no village.
    assertThat(get("/r/new?village=LS").status()).isEqualTo(404);
    Map<String, String> form = filled("13800004444");
    form.put("village", "XX99");
    Map<String, Integer> before = counts();
    assertThat(post(form).status()).isEqualTo(404);
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void beyondTheDaysLimitsPerPhoneAndPerAddressIsRefused429() {
    for (int i = 0; i < 3; i++) {
      assertThat(post(filled("13800005555")).status()).isEqualTo(200);
    }
    Map<String, Integer> before = counts();
    Page phone = post(filled("13800005555"));
    assertThat(phone.status()).isEqualTo(429);
    assertThat(phone.body()).contains("今日在线登记已达上限");
    assertThat(counts()).isEqualTo(before);

    assertThat(post(filled("13800006666")).status()).isEqualTo(200);
    assertThat(post(filled("13800007777")).status()).isEqualTo(200);
    before = counts();
    Page address = post(filled("13800008888"));
    assertThat(address.status()).isEqualTo(429);
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void theLinkIsBlankedWhenSentOrFailedAndNeverShownToAdministrators() {
    Page done = post(filled("13800009999"));
    String number = find(NUMBER, done.body());
    String token = find(LINK, done.body());
    Outbox.Message pending = receipt(number);
    assertThat(jdbc.queryForObject("select template_params from notification_outbox where id = ?", String.class,
        pending.id())).contains(token);

    administrator(ADMIN);
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(ADMIN, TestOrganisation.password(ADMIN));
    ResponseEntity<String> list = http.exchange("/api/notifications", HttpMethod.GET, new HttpEntity<>(headers),
        String.class);
    assertThat(list.getStatusCode().value()).isEqualTo(200);
    assertThat(list.getBody()).contains(number, "专属链接，不予显示").doesNotContain(token);

    // Sent: the row keeps no link.
    assertThat(outbox.markSent(new Outbox.Claim(pending, pending.attempts()), Instant.now())).isTrue();
    String sent = jdbc.queryForObject("select template_params from notification_outbox where id = ?", String.class,
        pending.id());
    assertThat(sent).contains("已发送", number).doesNotContain(token).doesNotContain("/r/");

    // Failed: neither; and retried, it is not sent with a blank link.
    Page second = post(filled("13900009999"));
    Outbox.Message other = receipt(find(NUMBER, second.body()));
    assertThat(outbox.markNotSent(new Outbox.Claim(other, other.attempts()), "号码停机", null)).isTrue();
    String failed = jdbc.queryForObject("select template_params from notification_outbox where id = ?", String.class,
        other.id());
    assertThat(failed).contains("未能发送").doesNotContain(find(LINK, second.body()));
    assertThat(outbox.find(other.id()).orElseThrow().state()).isEqualTo(Outbox.State.FAILED);
  }

  Outbox.Message receipt(String number) {
    return outbox.list(null, 1000).stream().filter(m -> ("resident:" + number).equals(m.recipient())
        && ResidentTexts.REGISTERED.equals(m.templateId())).findFirst().orElseThrow();
  }

  void administrator(String id) {
    TestOrganisation.administrator(identity, authorizations, id, "消息管理员");
  }
}
