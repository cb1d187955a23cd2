package cn.shuoshi.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The engine REST API as a client (or the Tasklist) uses it: authenticated, and checked like the forms. */
@ShuoshiTest
class EngineRestSubmissionTest {

  static final String CADRE = "ls09_ganbu1";

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired LedgerRepository ledger;
  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> post(String user, String path, Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, Map.of("value", v, "type",
        v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String")));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, TestOrganisation.password(user));
    }
    return http.exchange("/engine-rest" + path, HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", typed), headers), String.class);
  }

  long items() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(MatterProcess.KEY).count();
  }

  @Test
  void withoutLoggingInTheApiAnswers401() {
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(post(null, "/process-definition/key/matter/submit-form", Forms.register("LS09"))
        .getStatusCode().value()).isEqualTo(401);
    // Another account: a wrong password locks the account for a few seconds (brute-force protection).
    HttpHeaders wrong = new HttpHeaders();
    wrong.setBasicAuth("ls09_zhucun", "wrong-password");
    assertThat(http.exchange("/engine-rest/task", HttpMethod.GET, new HttpEntity<>(wrong), String.class)
        .getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void aStartFormWithoutATitleIs400NamingTheFieldAndStartsNothing() throws Exception {
    long before = items();
    long ledgerRows = ledger.countAll();
    Map<String, Object> form = Forms.register("LS09");
    form.remove("title");
    form.put("channel", "TELEGRAM");

    ResponseEntity<String> response = post(CADRE, "/process-definition/key/matter/submit-form", form);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.path("type").asText()).isEqualTo("InvalidSubmission");
    assertThat(body.path("message").asText()).contains("“事项标题”不能为空").contains("“反映渠道”");
    assertThat(body.path("fieldErrors").has("title")).isTrue();
    assertThat(body.path("fieldErrors").has("channel")).isTrue();
    // A plain start (no form) is not a way to register an item at all: refused before anything runs.
    ResponseEntity<String> plain = post(CADRE, "/process-definition/key/matter/start", Forms.register("LS09"));
    assertThat(plain.getStatusCode().value()).isEqualTo(403);
    assertThat(json.readTree(plain.getBody()).path("message").asText()).contains("只能通过表单");
    assertThat(items()).isEqualTo(before);
    assertThat(ledger.countAll()).isEqualTo(ledgerRows);
  }

  @Test
  void aTaskCompletedWithABadValueIs400AndTheTaskStaysOpen() throws Exception {
    ResponseEntity<String> started = post(CADRE, "/process-definition/key/matter/submit-form", Forms.register("LS09"));
    assertThat(started.getStatusCode().value()).isEqualTo(200);
    String processInstanceId = json.readTree(started.getBody()).path("id").asText();
    assertThat(ledger.findByProcessInstance(processInstanceId).orElseThrow().registeredBy()).isEqualTo(CADRE);
    Task classify = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();

    Map<String, Object> bad = Forms.classify("SOMEWHERE_ELSE", CADRE);
    ResponseEntity<String> refused = post(CADRE, "/task/" + classify.getId() + "/submit-form", bad);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(refused.getBody()).path("message").asText()).contains("“办理清单”");
    // Completing without the form (plain complete) is refused whatever the values: the form is the way.
    ResponseEntity<String> plain = post(CADRE, "/task/" + classify.getId() + "/complete", Forms.classify("VILLAGE", CADRE));
    assertThat(plain.getStatusCode().value()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(classify.getId()).count()).isEqualTo(1);
    assertThat(ledger.findByProcessInstance(processInstanceId).orElseThrow().handlingList()).isNull();

    ResponseEntity<String> accepted = post(CADRE, "/task/" + classify.getId() + "/submit-form",
        Forms.classify("VILLAGE", CADRE));
    assertThat(accepted.getStatusCode().value()).isEqualTo(204);
    assertThat(ledger.findByProcessInstance(processInstanceId).orElseThrow().handlingList()).isEqualTo("VILLAGE");
  }

  @Test
  void theWebappsAreServedAndTheirApiNeedsALogin() {
    assertThat(http.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode().value())
        .isEqualTo(200);
    assertThat(http.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode().value())
        .isEqualTo(401);
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
  }
}
