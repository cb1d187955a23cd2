package cn.shuoshi.forms;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Vars.SUBJECT;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The lists a form offers come from the organisation when the form is shown, as the Tasklist asks for
 * them ({@code form-variables}): the villages a cadre may register for, their own preselected; cadres
 * by name and post, never by account id; the county's departments; names instead of account ids.
 */
@ShuoshiTest
class FormOptionsTest {

  @Autowired TestRestTemplate http;
  @Autowired MatterSteps steps;
  @Autowired RuntimeService runtime;
  final ObjectMapper json = new ObjectMapper();

  JsonNode formVariables(String user, String path) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestOrganisation.password(user));
    // As the Tasklist asks: values as stored, JSON left for the browser to parse.
    String asked = path.endsWith("/form-variables") ? path + "?deserializeValues=false" : path;
    ResponseEntity<String> response = http.exchange("/engine-rest" + asked, HttpMethod.GET, new HttpEntity<>(headers),
        String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  /** An option list as form-js receives it: the variable's JSON value parsed. */
  List<String> options(JsonNode variables, String key) throws Exception {
    JsonNode variable = variables.path(key);
    assertThat(variable.path("valueInfo").path("serializationDataFormat").asText()).isEqualTo("application/json");
    List<String> options = new ArrayList<>();
    json.readTree(variable.path("value").asText()).forEach(o -> options.add(o.path("value").asText() + "="
        + o.path("label").asText()));
    return options;
  }

  /** The registration form's village select as the Tasklist receives it for {@code user}. */
  JsonNode villageField(String user) throws Exception {
    JsonNode form = formVariables(user, "/process-definition/key/matter/deployed-start-form");
    for (JsonNode component : form.path("components")) {
      if ("villageCode".equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new AssertionError("no villageCode field");
  }

  static List<String> values(JsonNode field) {
    List<String> values = new ArrayList<>();
    field.path("values").forEach(o -> values.add(o.path("value").asText() + "=" + o.path("label").asText()));
    return values;
  }

  @Test
  void theRegistrationOffersTheVillagesTheCadreMayRegisterForAndPreselectsTheirOwn() throws Exception {
    JsonNode village = villageField("ls01_ganbu1");
    assertThat(values(village)).containsExactly("LS01=上河村（龙山镇）");
    assertThat(village.path("defaultValue").asText()).isEqualTo("LS01");
    assertThat(village.has("valuesKey")).isFalse();

    JsonNode town = villageField("ls_zhan");
    assertThat(values(town)).hasSize(18).contains("LS01=上河村（龙山镇）", "LS02=下河村（龙山镇）");
    assertThat(town.has("defaultValue")).as("a town cadre has no village of their own").isFalse();

    assertThat(values(villageField("yl_zhongxin"))).hasSize(18);
  }

  @Test
  void theClassificationOffersCadresByNameAndPostAndTheTownOnlyForAComplaint() throws Exception {
    ProcessInstance item = steps.register("ls01_ganbu1", Forms.register("LS01"));
    String task = steps.task(item, CLASSIFY_MATTER).getId();
    JsonNode classifyVariables = formVariables("ls01_ganbu1", "/task/" + task + "/form-variables");
    List<String> cadres = options(classifyVariables, "cadreOptions");
    assertThat(cadres).contains("ls01_shuji=王建国 · 上河村党支部书记", "ls01_ganbu1=李永红 · 上河村“两委”干部",
        "ls_zhan=崔德明 · 龙山镇民情处理站").noneMatch(c -> c.startsWith("ls02_"));
    assertThat(cadres.get(0)).startsWith("ls01_");

    Map<String, Object> complaint = Forms.register("LS01");
    complaint.put(SUBJECT, "CADRE_CONDUCT");
    ProcessInstance sensitive = steps.register("ls01_ganbu1", complaint);
    List<String> townOnly = options(formVariables("ls_jiwei", "/task/" + steps.task(sensitive, CLASSIFY_MATTER).getId()
        + "/form-variables"), "cadreOptions");
    assertThat(townOnly).isNotEmpty().allMatch(c -> c.startsWith("ls_"));
  }

  @Test
  void theVerifierReadsTheHandlersNameNotTheirAccount() throws Exception {
    ProcessInstance item = steps.register("ls01_ganbu1", Forms.register("LS01"));
    steps.complete("ls01_ganbu1", item, CLASSIFY_MATTER, Forms.classify("VILLAGE", "ls01_ganbu1"));
    steps.complete("ls01_ganbu1", item, HANDLE_MATTER, Forms.resolved());
    JsonNode verify = formVariables("ls01_ganbu2", "/task/" + steps.task(item, VERIFY_RESULT).getId()
        + "/form-variables");
    assertThat(verify.path("handledByName").path("value").asText()).isEqualTo("李永红");
  }

  @Test
  void theHandlerReadsTheDeadlineAsACadreWritesIt() throws Exception {
    ProcessInstance item = steps.register("ls01_ganbu1", Forms.register("LS01"));
    steps.complete("ls01_ganbu1", item, CLASSIFY_MATTER, Forms.classify("VILLAGE", "ls01_ganbu1"));
    Task handle = steps.task(item, HANDLE_MATTER);
    Date deadline = (Date) runtime.getVariable(handle.getExecutionId(), "deadline");
    JsonNode form = formVariables("ls01_ganbu1", "/task/" + handle.getId() + "/form-variables");
    // Written from the deadline when the form is shown: the process keeps only the date.
    assertThat(form.path("deadlineText").path("value").asText()).isEqualTo(EngineClock.display(deadline))
        .matches("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}");
    assertThat(runtime.getVariable(handle.getExecutionId(), "deadlineText")).isNull();
  }
}
