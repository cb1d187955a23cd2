package cn.shuoshi.security;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.MatterSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A petition (信访) or a complaint about a cadre (干部作风) is marked as such when it is registered —
 * in the Tasklist's start form as in the intake API — and goes straight to the town: the discipline
 * commission for a complaint, the handling station for a petition. The village and the cadre concerned
 * never get a task of it nor read it in their ledger; the registering cadre keeps a receipt (the
 * item's number and state); no public board lists it.
 */
@ShuoshiTest
class ComplaintsStayWithTheTownTest {

  static final String VILLAGE = "LS13";
  static final List<String> VILLAGE_CADRES = List.of("ls13_ganbu1", "ls13_ganbu2", "ls13_shuji", "ls13_zhucun");

  @Autowired TestRestTemplate http;
  @Autowired MatterSteps steps;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired LedgerRepository ledger;
  final ObjectMapper json = new ObjectMapper();

  HttpHeaders as(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, TestOrganisation.password(user));
    return headers;
  }

  /** Registers through the start form as the Tasklist submits it; returns the item's number. */
  String registerInTheTasklist(String cadre, Map<String, Object> form) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    form.forEach((k, v) -> variables.put(k, Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String")));
    ResponseEntity<String> started = http.exchange("/engine-rest/process-definition/key/matter/submit-form",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", variables), as(cadre)), String.class);
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
    return ledger.findByProcessInstance(json.readTree(started.getBody()).path("id").asText()).orElseThrow()
        .matterNumber();
  }

  Task onlyTask(String number) {
    return tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult();
  }

  List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).toList();
  }

  JsonNode get(String user, String path) throws Exception {
    ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(as(user)), String.class);
    assertThat(response.getStatusCode().value()).as(user + " " + path).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  void villageSeesNothingOf(String number) throws Exception {
    for (String cadre : VILLAGE_CADRES) {
      List<String> seen = new ArrayList<>();
      get(cadre, "/engine-rest/task?processInstanceBusinessKey=" + number).forEach(t -> seen.add(t.path("id").asText()));
      assertThat(seen).as(cadre + "'s tasks").isEmpty();
      assertThat(get(cadre, "/api/ledger?unit=" + VILLAGE).findValuesAsText("number")).as(cadre + "'s ledger")
          .doesNotContain(number);
    }
  }

  void noBoardListsIt(String number) {
    String month = YearMonth.now(EngineClock.BEIJING).toString();
    for (String board : List.of("/board/villages/" + VILLAGE + "?month=" + month, "/board/towns/LS?month=" + month)) {
      ResponseEntity<String> page = http.getForEntity(board, String.class);
      assertThat(page.getStatusCode().value()).isEqualTo(200);
      assertThat(page.getBody()).as(board).doesNotContain(number);
    }
  }

  @Test
  void aComplaintAboutACadreRegisteredInTheTasklistGoesStraightToTheDisciplineCommission() throws Exception {
    Map<String, Object> form = Forms.register(VILLAGE);
    form.put(SUBJECT, "CADRE_CONDUCT");
    form.put(TITLE, "村干部办低保收好处费");
    String number = registerInTheTasklist("ls13_ganbu1", form);

    Task classify = onlyTask(number);
    assertThat(classify.getTaskDefinitionKey()).isEqualTo(CLASSIFY_MATTER);
    assertThat(classify.getAssignee()).as("the registering village cadre is not responsible").isNull();
    assertThat(candidateGroups(classify)).containsExactly("LS_supervisor");
    villageSeesNothingOf(number);
    noBoardListsIt(number);

    // The registering cadre keeps a receipt: the number and where it stands, nothing about its contents.
    JsonNode receipt = get("ls13_ganbu1", "/api/matters/" + number);
    assertThat(receipt.toString()).doesNotContain("好处费", "李桂兰");

    // The discipline commission classifies it; it stays in the town, still unseen by the village.
    Map<String, Object> classification = Forms.classify("VILLAGE", "ls_jiwei");
    classification.put(SUBJECT, "CADRE_CONDUCT");
    ProcessInstance item = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
        .processDefinitionKey(MatterProcess.KEY).singleResult();
    steps.complete("ls_jiwei", item, CLASSIFY_MATTER, classification);
    assertThat(candidateGroups(onlyTask(number))).containsExactly("LS_supervisor");
    villageSeesNothingOf(number);
    noBoardListsIt(number);

    // An ordinary item of the same village, registered beside it, is the village's as before.
    ProcessInstance ordinary = steps.register("ls13_ganbu1", Forms.register(VILLAGE));
    Task village = tasks.createTaskQuery().processInstanceId(ordinary.getId()).singleResult();
    assertThat(village.getAssignee()).isEqualTo("ls13_ganbu1");
    assertThat(candidateGroups(village)).containsExactly("LS13_committee");
  }

  @Test
  void aPetitionRegisteredInTheTasklistGoesStraightToTheTownStationAndStaysOffTheBoards() throws Exception {
    Map<String, Object> form = Forms.register(VILLAGE);
    form.put(MATTER_TYPE, "PETITION");
    form.put(SUBJECT, "DISPUTE");
    String number = registerInTheTasklist("ls13_ganbu2", form);

    Task classify = onlyTask(number);
    assertThat(classify.getAssignee()).isNull();
    assertThat(candidateGroups(classify)).containsExactly("LS_station");
    villageSeesNothingOf(number);
    noBoardListsIt(number);
    assertThat(ledger.findByNumber(number).orElseThrow().isSensitive()).isTrue();
  }
}
