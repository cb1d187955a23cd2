package cn.shuoshi.reliability;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fuzz-style hostile input against the intake API and the engine's form submission: oversize text,
 * wrong types, control characters, scripts and markup (which later show on the public notice board),
 * SQL fragments, huge and deeply nested JSON, wrong content types. Every case is a clear 4xx (JSON,
 * no stack trace) or a value stored as sent; never a 5xx, never a script on the board unescaped.
 */
@ShuoshiTest
class HostileInputTest {

  static final String CADRE = "ls12_ganbu1";
  static final String VILLAGE = "LS12";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired MatterSteps steps;
  final ObjectMapper json = new ObjectMapper();

  static final List<String> HOSTILE_TEXT = List.of(
      "<script>alert('说事')</script>",
      "<img src=x onerror=alert(1)>",
      "\"><svg/onload=alert(document.cookie)>",
      "</td></tr></table><iframe src=//evil.example>",
      "javascript:alert(1)",
      "'; DROP TABLE matter; --",
      "1' OR '1'='1",
      "\" OR 1=1; --",
      "${7*7} #{7*7} {{7*7}} <%= 7*7 %>",
      "=HYPERLINK(\"http://evil.example\",\"点我\")",
      "正常\u0000文字",
      "响铃\u0007\u001b[31m红字",
      "换行\r\n第二行\ttab",
      "\u202e倒序\u202c",
      "\ufeff零宽\u200b字符",
      "表情😀🙏",
      "孤立代理\ud800项",
      "../../../../etc/passwd",
      "%00%0d%0a<script>",
      "&lt;script&gt;已转义&lt;/script&gt;",
      " ",
      "");

  record Answer(int status, String contentType, String body) {}

  Answer send(String method, String path, String contentType, byte[] body, String user, String key) {
    HttpHeaders headers = new HttpHeaders();
    if (contentType != null) {
      headers.set(HttpHeaders.CONTENT_TYPE, contentType);
    }
    if (user != null) {
      headers.setBasicAuth(user, TestOrganisation.password(user));
    }
    if (key != null) {
      headers.set("Idempotency-Key", key);
    }
    ResponseEntity<byte[]> response = http.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers),
        byte[].class);
    return new Answer(response.getStatusCode().value(),
        response.getHeaders().getContentType() == null ? "" : response.getHeaders().getContentType().toString(),
        response.getBody() == null ? "" : new String(response.getBody(), StandardCharsets.UTF_8));
  }

  Answer intake(String contentType, byte[] body) {
    return send("POST", "/api/matters", contentType, body, CADRE, UUID.randomUUID().toString());
  }

  Answer intake(Object body) throws Exception {
    return intake("application/json", json.writeValueAsBytes(body));
  }

  static Map<String, Object> goodItem() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", VILLAGE);
    body.put("channel", "ONLINE");
    body.put("reporterName", "钱冬梅");
    body.put("reporterPhone", "13712345678");
    body.put("confidential", false);
    body.put("type", "PROBLEM");
    body.put("subject", "LIVELIHOOD");
    body.put("title", "垃圾清运不及时");
    body.put("description", "垃圾桶满了三天没人收。");
    return body;
  }

  /** A clear answer: 2xx, or 4xx as JSON naming the problem, and no Java internals in any case. */
  static void assertClear(String what, Answer answer) {
    assertThat(answer.status()).as(what + " → " + answer.body()).isLessThan(500);
    assertThat(answer.body()).as(what).doesNotContain("\tat ").doesNotContain("<html").doesNotContain("org.camunda.bpm.")
        .doesNotContain("java.sql").doesNotContain("SQLState");
    if (!what.startsWith("engine-rest")) {
      // The service's own API names no Java class at all; the engine REST API's "type" is a class name.
      assertThat(answer.body()).as(what).doesNotContain("Exception");
    }
    if (answer.status() >= 400 && answer.status() != 401) {
      assertThat(answer.contentType()).as(what).contains("json");
    }
  }

  final List<String> summary = new ArrayList<>();

  @Test
  void theIntakeApiAnswersEveryHostileFieldWith4xxOrStoresItAsSentAndTheBoardEscapesIt() throws Exception {
    int stored = 0;
    int refused = 0;
    List<String> storedTitles = new ArrayList<>();
    List<String> fields = List.of("villageCode", "channel", "reporterName", "reporterPhone", "reporterGroup",
        "type", "subject", "title", "description", "confidential");
    for (String field : fields) {
      List<Object> values = new ArrayList<>(HOSTILE_TEXT);
      values.addAll(List.of(42, -1.5e308, Long.MAX_VALUE, true, List.of("a", "b"), Map.of("$gt", ""),
          "字".repeat(2001), "x".repeat(100_000)));
      values.add(null);
      for (Object value : values) {
        Map<String, Object> body = goodItem();
        body.put(field, value);
        Answer answer = intake(body);
        String what = field + "=" + abbreviate(value);
        assertClear(what, answer);
        assertThat(answer.status()).as(what).isIn(201, 400);
        if (answer.status() == 201) {
          stored++;
          String number = json.readTree(answer.body()).path("number").asText();
          Object storedValue = column(number, field);
          if (value instanceof String s && !(field.equals("reporterPhone") || field.equals("confidential"))) {
            assertThat(storedValue).as(what + " is stored as sent").isEqualTo(s);
          }
          if (field.equals("title")) {
            storedTitles.add((String) value);
          }
        } else {
          refused++;
          assertThat(json.readTree(answer.body()).path("errors").has(field)).as(what + " names the field").isTrue();
        }
      }
    }
    // Unknown and odd field names, and several bad fields at once.
    for (String field : List.of("__proto__", "constructor", "<script>", "'; --", "registeredBy", "")) {
      Map<String, Object> body = goodItem();
      body.put(field, "x");
      Answer answer = intake(body);
      assertClear("field " + field, answer);
      assertThat(answer.status()).isEqualTo(400);
      refused++;
    }
    summary.add("fields: " + stored + " stored, " + refused + " refused");

    // The notice board shows stored titles escaped: no script, no markup of a resident's making.
    String board = send("GET", "/board/villages/" + VILLAGE + "?month=" + YearMonth.now(EngineClock.BEIJING), null,
        null, null, null).body();
    assertThat(storedTitles).as("markup was stored, so the board test means something")
        .contains("<script>alert('说事')</script>", "<img src=x onerror=alert(1)>");
    assertThat(board).doesNotContain("<script", "<img", "<svg", "<iframe", "</td></tr></table><iframe");
    assertThat(board).contains("&lt;script&gt;alert(&#39;说事&#39;)&lt;/script&gt;");
    assertThat(board).contains("&amp;lt;script&amp;gt;已转义");
    // The SQL fragments were plain text: the ledger is still there.
    assertThat(jdbc.queryForObject("select count(*) from matter", Long.class)).isGreaterThan(0);
  }

  @Test
  void brokenBodiesHugeOrDeepJsonAndWrongContentTypesAreClear4xx() throws Exception {
    String good = json.writeValueAsString(goodItem());
    Map<String, Answer> answers = new LinkedHashMap<>();
    answers.put("empty body", intake("application/json", new byte[0]));
    answers.put("null", intake("application/json", bytes("null")));
    answers.put("array", intake("application/json", bytes("[1,2,3]")));
    answers.put("string", intake("application/json", bytes("\"标题\"")));
    answers.put("number", intake("application/json", bytes("1e99999")));
    answers.put("truncated", intake("application/json", bytes(good.substring(0, good.length() / 2))));
    answers.put("trailing garbage", intake("application/json", bytes(good + " {\"x\":1}")));
    answers.put("comment", intake("application/json", bytes("/* hi */" + good)));
    answers.put("duplicate keys", intake("application/json",
        bytes(good.replace("{", "{\"title\":\"<b>first</b>\","))));
    answers.put("deep array nesting", intake("application/json", bytes("[".repeat(50_000) + "]".repeat(50_000))));
    answers.put("deep object nesting", intake("application/json",
        bytes("{\"title\":".repeat(5_000) + "1" + "}".repeat(5_000))));
    answers.put("huge JSON (3 MB)", intake("application/json",
        bytes(good.replace("}", ",\"padding\":\"" + "啊".repeat(1_000_000) + "\"}"))));
    answers.put("many fields", intake("application/json", bytes(manyFields(20_000))));
    answers.put("invalid UTF-8", intake("application/json",
        concat(bytes("{\"title\":\""), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"}"))));
    answers.put("latin-1 declared", intake("application/json; charset=ISO-8859-1", good.getBytes(StandardCharsets.UTF_8)));
    answers.put("text/plain", intake("text/plain", bytes(good)));
    answers.put("XML", intake("application/xml", bytes("<matter><title>x</title></matter>")));
    answers.put("form", intake("application/x-www-form-urlencoded", bytes("title=x&villageCode=LS12")));
    answers.put("multipart", intake("multipart/form-data; boundary=xyz",
        bytes("--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--xyz--\r\n")));
    answers.put("no content type", intake(null, bytes(good)));
    answers.put("nonsense content type", intake("no/such; ;;", bytes(good)));
    answers.put("key with spaces", send("POST", "/api/matters", "application/json", bytes(good), CADRE, "a b c"));
    // (A header past Tomcat's 8 KB limit is refused by the connector itself: a bare 400 page, no details.)
    answers.put("key of 4 000 chars", send("POST", "/api/matters", "application/json", bytes(good), CADRE,
        "k".repeat(4_000)));
    answers.put("GET with a body", send("GET", "/api/matters/" + "'%20OR%201=1", "application/json", bytes(good),
        CADRE, null));
    answers.put("ledger with SQL in parameters", send("GET",
        "/api/ledger?unit=LS12'%20OR%20'1'='1&month=2026-13&state=<script>&overdue=maybe", null, null, CADRE, null));
    answers.put("board of a script", send("GET", "/board/villages/%3Cscript%3E?month=../../x", null, null, null, null));
    answers.put("rates page with markup", send("GET", "/api/rates/page?unit=LS12&month=%3Cb%3E", null, null, CADRE,
        null));

    long before = jdbc.queryForObject("select count(*) from matter", Long.class);
    answers.forEach(HostileInputTest::assertClear);
    answers.forEach((what, answer) -> assertThat(answer.status()).as(what + " → " + answer.body())
        .isBetween(400, 499));
    assertThat(answers.get("huge JSON (3 MB)").status()).isEqualTo(413);
    assertThat(answers.get("text/plain").status()).isEqualTo(415);
    assertThat(jdbc.queryForObject("select count(*) from matter", Long.class)).isEqualTo(before);
  }

  @Test
  void aTaskFormSubmittedWithHostileValuesAndTypesIsRefusedOrStoredNeverA500() throws Exception {
    int refused = 0;
    int accepted = 0;
    List<Map<String, Object>> hostileVariables = new ArrayList<>();
    for (String text : HOSTILE_TEXT) {
      hostileVariables.add(Map.of("responsibleCadre", Map.of("value", text, "type", "String")));
      hostileVariables.add(Map.of("handlingList", Map.of("value", text, "type", "String")));
      hostileVariables.add(Map.of("classificationNote", Map.of("value", text, "type", "String")));
    }
    hostileVariables.add(Map.of("handlingList", Map.of("value", 42, "type", "Integer")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "not a number", "type", "Integer")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "2026-99-99", "type", "Date")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "{\"$where\":\"1\"}", "type", "Json")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "[".repeat(5000), "type", "Json")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==",
        "type", "Object", "valueInfo", Map.of("objectTypeName", "java.util.HashMap",
            "serializationDataFormat", "application/x-java-serialized-object"))));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "<x/>", "type", "Xml")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "AAAA", "type", "Bytes")));
    hostileVariables.add(Map.of("handlingList", Map.of("value", "x", "type", "NoSuchType")));
    hostileVariables.add(Map.of("subject", Map.of("value", "x".repeat(200_000), "type", "String")));
    hostileVariables.add(Map.of("requestedDeadline", Map.of("value", "<script>", "type", "String")));
    hostileVariables.add(Map.of("requestedDeadline", Map.of("value", "9999-12-31", "type", "String")));

    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    String taskId = steps.task(item, CLASSIFY_MATTER).getId();
    for (Map<String, Object> hostile : hostileVariables) {
      Map<String, Object> variables = new LinkedHashMap<>();
      Forms.classify("VILLAGE", CADRE).forEach((k, v) -> variables.put(k, Map.of("value", v, "type", "String")));
      variables.putAll(hostile);
      Answer answer = send("POST", "/engine-rest/task/" + taskId + "/submit-form", "application/json",
          json.writeValueAsBytes(Map.of("variables", variables)), CADRE, null);
      String what = "engine-rest classify " + abbreviate(hostile);
      assertClear(what, answer);
      if (answer.status() == 204) {
        accepted++;
        // Accepted means the form's own rules hold: the value is one the form allows. Start afresh.
        item = steps.register(CADRE, Forms.register(VILLAGE));
        taskId = steps.task(item, CLASSIFY_MATTER).getId();
      } else {
        assertThat(answer.status()).as(what + " → " + answer.body()).isBetween(400, 499);
        refused++;
      }
    }
    // Broken bodies on the engine REST API.
    for (String body : List.of("", "null", "[]", "{\"variables\":", "{\"variables\":[1]}",
        "{\"variables\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001))) {
      Answer answer = send("POST", "/engine-rest/task/" + taskId + "/submit-form", "application/json", bytes(body),
          CADRE, null);
      assertClear("engine-rest submit-form " + abbreviate(body), answer);
      assertThat(answer.status()).as(abbreviate(body)).isBetween(400, 499);
      refused++;
    }
    assertThat(refused).isGreaterThan(accepted);
  }

  Object column(String number, String field) {
    String column = switch (field) {
      case "villageCode" -> "village_code";
      case "reporterName" -> "reporter_name";
      case "reporterPhone" -> "reporter_phone";
      case "reporterGroup" -> "reporter_group";
      case "type" -> "matter_type";
      default -> field.replaceAll("([A-Z])", "_$1").toLowerCase();
    };
    return jdbc.queryForObject("select " + column + " from matter where matter_number = ?", Object.class, number);
  }

  static String manyFields(int n) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
    }
    return b.append("}").toString();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + ")" : s;
  }
}
