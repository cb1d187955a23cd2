package cn.shuoshi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.MatterProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/matters} and {@code GET /api/matters/{number}} as another system calls them. */
@ShuoshiTest
class IntakeApiTest {

  static final String CADRE = "ls06_ganbu1";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired LedgerRepository ledger;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  final ObjectMapper json = new ObjectMapper();

  static Map<String, Object> goodItem() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", "LS06");
    body.put("channel", "ONLINE");
    body.put("reporterName", "赵春花");
    body.put("reporterPhone", "13812345678");
    body.put("confidential", false);
    body.put("type", "PROBLEM");
    body.put("subject", "INFRASTRUCTURE");
    body.put("title", "村口桥面坑洼");
    body.put("description", "村口小桥桥面有多处坑洼，雨天积水，电动车容易摔倒。");
    return body;
  }

  record Answer(int status, HttpHeaders headers, JsonNode body) {}

  Answer post(String user, String key, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, TestOrganisation.password(user));
    }
    if (key != null) {
      headers.set("Idempotency-Key", key);
    }
    String text = body instanceof String s ? s : json.writeValueAsString(body);
    ResponseEntity<byte[]> response = http.exchange("/api/matters", HttpMethod.POST,
        new HttpEntity<>(text.getBytes(StandardCharsets.UTF_8), headers), byte[].class);
    return answer(response);
  }

  Answer get(String user, String path) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestOrganisation.password(user));
    return answer(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class));
  }

  Answer answer(ResponseEntity<byte[]> response) throws Exception {
    byte[] body = response.getBody();
    return new Answer(response.getStatusCode().value(), response.getHeaders(),
        body == null || body.length == 0 ? null : json.readTree(new String(body, StandardCharsets.UTF_8)));
  }

  /** Everything a request could have created. */
  List<Long> footprint() {
    return List.of(ledger.countAll(),
        history.createHistoricProcessInstanceQuery().processDefinitionKey(MatterProcess.KEY).count(),
        jdbc.queryForObject("select count(*) from intake_request", Long.class),
        jdbc.queryForObject("select count(*) from on_spot_answer", Long.class));
  }

  @Test
  void aGoodItemIsRegisteredAsTheCallerWithTypeAndSubjectForTheClassification() throws Exception {
    String key = UUID.randomUUID().toString();
    Answer created = post(CADRE, key, goodItem());

    assertThat(created.status()).isEqualTo(201);
    String number = created.body().path("number").asText();
    assertThat(number).matches("LS06-\\d{4}-\\d{5}");
    assertThat(created.headers().getLocation()).hasToString("/api/matters/" + number);
    assertThat(created.body().path("status").path("state").asText()).isEqualTo("CLASSIFYING");

    Map<String, Object> row = jdbc.queryForMap("select village_code, town_code, channel, reporter_name, reporter_phone, "
        + "reporter_group, confidential, title, description, registered_by, state, responsible_cadre, classify_due_at "
        + "from matter where matter_number = ?", number);
    assertThat(row).containsEntry("VILLAGE_CODE", "LS06").containsEntry("TOWN_CODE", "LS")
        .containsEntry("CHANNEL", "ONLINE").containsEntry("REPORTER_NAME", "赵春花")
        .containsEntry("REPORTER_PHONE", "13812345678").containsEntry("CONFIDENTIAL", false)
        .containsEntry("TITLE", "村口桥面坑洼").containsEntry("REGISTERED_BY", CADRE)
        .containsEntry("STATE", "CLASSIFYING").containsEntry("RESPONSIBLE_CADRE", CADRE);
    assertThat(row.get("REPORTER_GROUP")).isNull();
    assertThat((String) row.get("DESCRIPTION")).startsWith("村口小桥");
    assertThat(row.get("CLASSIFY_DUE_AT")).as("the response rate needs it").isNotNull();
    assertThat(jdbc.queryForObject("select matter_number from intake_request where user_id = ? and idempotency_key = ?",
        String.class, CADRE, key)).isEqualTo(number);

    ProcessInstance item = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(runtime.getVariable(item.getId(), "matterType")).isEqualTo("PROBLEM");
    assertThat(runtime.getVariable(item.getId(), "subject")).isEqualTo("INFRASTRUCTURE");
    assertThat(runtime.getVariable(item.getId(), "reporterName")).isNull();
    assertThat(tasks.createTaskQuery().processInstanceId(item.getId()).singleResult().getAssignee()).isEqualTo(CADRE);
  }

  @Test
  void aRetriedRequestWithTheSameKeyGetsTheSameItemAndMakesNoSecond() throws Exception {
    String key = UUID.randomUUID().toString();
    Answer first = post(CADRE, key, goodItem());
    List<Long> after = footprint();

    Answer retried = post(CADRE, key, goodItem());

    assertThat(retried.status()).isEqualTo(201);
    assertThat(retried.body().path("number").asText()).isEqualTo(first.body().path("number").asText());
    assertThat(retried.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(footprint()).isEqualTo(after);
  }

  @Test
  void aKeyReusedForADifferentItemIsRefusedAndCreatesNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    post(CADRE, key, goodItem());
    List<Long> after = footprint();
    Map<String, Object> other = goodItem();
    other.put("title", "另一件事");

    Answer refused = post(CADRE, key, other);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
    assertThat(refused.body().path("type").asText()).isEqualTo("urn:shuoshi:problem:idempotency-key-reused");
    assertThat(footprint()).isEqualTo(after);
  }

  static Stream<Arguments> badItems() {
    return Stream.of(
        bad("villageCode", "不能为空", b -> b.remove("villageCode")),
        bad("villageCode", "不在可选范围内", b -> b.put("villageCode", "XX99")),
        bad("channel", "不能为空", b -> b.remove("channel")),
        bad("channel", "不在可选范围内", b -> b.put("channel", "FAX")),
        bad("reporterName", "不能为空", b -> b.remove("reporterName")),
        bad("reporterName", "不能超过50个字", b -> b.put("reporterName", "张".repeat(51))),
        bad("reporterPhone", "格式不正确", b -> b.put("reporterPhone", "12345")),
        bad("confidential", "只能是", b -> b.put("confidential", "maybe")),
        bad("type", "不能为空", b -> b.remove("type")),
        bad("type", "不在可选范围内", b -> b.put("type", "COMPLAINT")),
        bad("subject", "不能为空", b -> b.put("subject", " ")),
        bad("subject", "不在可选范围内", b -> b.put("subject", "WEATHER")),
        bad("title", "不能为空", b -> b.remove("title")),
        bad("title", "不能超过100个字", b -> b.put("title", "桥".repeat(101))),
        bad("title", "应为文字", b -> b.put("title", Map.of("text", "桥"))),
        bad("description", "不能为空", b -> b.put("description", "")),
        bad("description", "不能超过2000个字", b -> b.put("description", "水".repeat(2001))),
        bad("answeredOnSpot", "不支持的字段", b -> b.put("answeredOnSpot", true)),
        bad("registeredBy", "不支持的字段", b -> b.put("registeredBy", "ls06_shuji")));
  }

  static Arguments bad(String field, String message, Consumer<Map<String, Object>> change) {
    return Arguments.of(field, message, change);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badItems")
  void aBadFieldIs400NamingItAndCreatesNothing(String field, String message, Consumer<Map<String, Object>> change)
      throws Exception {
    List<Long> before = footprint();
    Map<String, Object> body = goodItem();
    change.accept(body);

    Answer refused = post(CADRE, UUID.randomUUID().toString(), body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
    assertThat(refused.body().path("type").asText()).isEqualTo("urn:shuoshi:problem:invalid-input");
    assertThat(refused.body().path("title").asText()).isEqualTo("提交的内容未通过校验");
    assertThat(refused.body().path("status").asInt()).isEqualTo(400);
    assertThat(refused.body().path("errors").size()).as(refused.body().toString()).isEqualTo(1);
    assertThat(refused.body().path("errors").path(field).asText()).contains(message);
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void everyBadFieldIsNamedAtOnceAndAMissingKeyToo() throws Exception {
    List<Long> before = footprint();
    Map<String, Object> body = goodItem();
    body.put("villageCode", "XX99");
    body.put("title", "");
    body.put("type", "BUG");
    body.put("reporterPhone", "110");

    Answer refused = post(CADRE, null, body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("errors").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("Idempotency-Key", "villageCode", "title", "type", "reporterPhone");
    assertThat(refused.body().path("detail").asText()).contains("共有5处需要更正");
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void rubbishIsA400ProblemNeverA500AndStrangersGet401() throws Exception {
    List<Long> before = footprint();
    assertThat(post(CADRE, "k-" + UUID.randomUUID(), "{\"title\": ").status()).isEqualTo(400);
    assertThat(post(CADRE, "k-" + UUID.randomUUID(), "[1, 2]").body().path("errors").has("body")).isTrue();
    assertThat(post(CADRE, "k".repeat(101), goodItem()).body().path("errors").has("Idempotency-Key"))
        .isTrue();
    assertThat(post(null, UUID.randomUUID().toString(), goodItem()).status()).isEqualTo(401);
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void theStatusOfAnItemTellsWhereItStandsAndNothingPersonal() throws Exception {
    Map<String, Object> body = goodItem();
    body.put("confidential", true);
    String number = post(CADRE, UUID.randomUUID().toString(), body).body().path("number").asText();

    Answer status = get("ls06_zhucun", "/api/matters/" + number);

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().path("number").asText()).isEqualTo(number);
    assertThat(status.body().path("state").asText()).isEqualTo("CLASSIFYING");
    assertThat(status.body().path("stateLabel").asText()).isEqualTo("待分类交办");
    assertThat(status.body().fieldNames()).toIterable().containsExactlyInAnyOrder("number", "registeredOn", "state",
        "stateLabel", "level", "levelLabel", "deadline", "overdue", "outcome", "outcomeLabel", "closedOn");
    assertThat(status.body().toString()).doesNotContain("赵春花", "13812345678", "桥面", CADRE);

    Answer missing = get("ls06_zhucun", "/api/matters/LS06-1999-00001");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().getContentType()).hasToString("application/problem+json");
  }

  @Test
  void theApiIsDescribedWithOpenApi() throws Exception {
    ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
    assertThat(docs.getStatusCode().value()).isEqualTo(200);
    JsonNode paths = json.readTree(docs.getBody()).path("paths");
    assertThat(paths.has("/api/matters")).isTrue();
    assertThat(paths.has("/api/matters/{number}")).isTrue();
    assertThat(paths.has("/api/ledger/export.xlsx")).isTrue();
    assertThat(paths.has("/api/rates")).isTrue();
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
  }
}
