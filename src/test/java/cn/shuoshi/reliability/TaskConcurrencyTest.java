package cn.shuoshi.reliability;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Vars.SUPERVISION_MEASURE;
import static cn.shuoshi.matter.MatterProcess.Vars.SUPERVISION_OPINION;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_OVERDUE_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.SUPERVISE_OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two cadres act on the same task at the same moment through the engine REST API (as two Tasklists
 * would): one wins, the other gets 409 (or 404 once the task is gone) with a Chinese message, never a
 * 500, and the item's state and ledger hold the step once.
 */
@ShuoshiTest
class TaskConcurrencyTest {

  static final String CADRE = "ls10_ganbu1";
  static final String[] SUPERVISORS = {"ls_jiwei", "ls_dangjian"};
  static final int ROUNDS = 10;

  @Autowired TestRestTemplate http;
  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  record Answer(int status, JsonNode body) {}

  Answer post(String user, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, TestOrganisation.password(user));
    ResponseEntity<String> response = http.exchange("/engine-rest" + path, HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
    try {
      return new Answer(response.getStatusCode().value(),
          response.getBody() == null ? null : json.readTree(response.getBody()));
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  /** An overdue village item: its 超期督办 task waits, unclaimed, for the town's two supervisors. */
  ProcessInstance overdueItem() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS10"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    items.fire(item, HANDLE_OVERDUE_TIMER);
    ClockUtil.reset();
    return item;
  }

  /** Runs both calls at the same instant and returns their answers in order. */
  List<Answer> atOnce(List<java.util.concurrent.Callable<Answer>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CyclicBarrier start = new CyclicBarrier(calls.size());
      List<Future<Answer>> futures = new ArrayList<>();
      for (var call : calls) {
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return call.call();
        }));
      }
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertClearLoser(Answer loser) {
    assertThat(loser.status()).as(String.valueOf(loser.body())).isIn(409, 404);
    String message = loser.body().path("message").asText();
    assertThat(message).as("a Chinese message, no exception text").containsPattern("\\p{IsHan}")
        .doesNotContain("Exception").doesNotContain("ACT_");
  }

  @Test
  void twoSupervisorsClaimingTheSameTaskAtOnceOneWinsTheOtherGets409() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      ProcessInstance item = overdueItem();
      Task task = steps.task(item, SUPERVISE_OVERDUE);

      List<Answer> answers = atOnce(List.of(
          () -> post(SUPERVISORS[0], "/task/" + task.getId() + "/claim", Map.of("userId", SUPERVISORS[0])),
          () -> post(SUPERVISORS[1], "/task/" + task.getId() + "/claim", Map.of("userId", SUPERVISORS[1]))));

      List<Integer> statuses = answers.stream().map(Answer::status).toList();
      assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(204, 409);
      int winner = statuses.indexOf(204);
      assertClearLoser(answers.get(1 - winner));
      assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
          .isEqualTo(SUPERVISORS[winner]);
    }
  }

  @Test
  void aClaimOfATaskSomebodyElseHoldsIs409InChinese() {
    ProcessInstance item = overdueItem();
    Task task = steps.task(item, SUPERVISE_OVERDUE);
    assertThat(post("ls_jiwei", "/task/" + task.getId() + "/claim", Map.of("userId", "ls_jiwei")).status())
        .isEqualTo(204);

    Answer late = post("ls_dangjian", "/task/" + task.getId() + "/claim", Map.of("userId", "ls_dangjian"));

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().path("type").asText()).isEqualTo("TaskAlreadyClaimed");
    assertThat(late.body().path("message").asText()).isEqualTo("该任务已被其他干部签收，请刷新任务列表");
  }

  @Test
  void theSameTaskCompletedTwiceAtOnceHappensOnceAndTheSecondIsToldSo() throws Exception {
    Map<String, Object> supervision = typed(Map.of(SUPERVISION_MEASURE, "URGE", SUPERVISION_OPINION, "请两日内办结。"));
    // The events one completion writes, from an item completed once.
    ProcessInstance control = overdueItem();
    Task controlTask = steps.task(control, SUPERVISE_OVERDUE);
    long controlBefore = events(steps.number(control));
    post("ls_jiwei", "/task/" + controlTask.getId() + "/claim", Map.of("userId", "ls_jiwei"));
    assertThat(post("ls_jiwei", "/task/" + controlTask.getId() + "/submit-form", supervision).status()).isEqualTo(204);
    long perCompletion = events(steps.number(control)) - controlBefore;

    for (int round = 0; round < ROUNDS; round++) {
      ProcessInstance item = overdueItem();
      String number = steps.number(item);
      Task task = steps.task(item, SUPERVISE_OVERDUE);
      post("ls_jiwei", "/task/" + task.getId() + "/claim", Map.of("userId", "ls_jiwei"));
      long before = events(number);

      List<Answer> answers = atOnce(List.of(
          () -> post("ls_jiwei", "/task/" + task.getId() + "/submit-form", supervision),
          () -> post("ls_jiwei", "/task/" + task.getId() + "/submit-form", supervision)));

      List<Integer> statuses = answers.stream().map(Answer::status).toList();
      assertThat(statuses).as("round " + round + ": " + answers).contains(204).hasSize(2);
      assertThat(statuses.stream().filter(s -> s == 204).count()).isEqualTo(1);
      assertClearLoser(answers.get(1 - statuses.indexOf(204)));
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(number)
          .taskDefinitionKey(SUPERVISE_OVERDUE).finished().count()).isEqualTo(1);
      assertThat(events(number) - before).as("ledger events of one completion").isEqualTo(perCompletion);
    }
  }

  long events(String number) {
    return jdbc.queryForObject("select count(*) from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ?", Long.class, number);
  }

  static Map<String, Object> typed(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v, "type", "String")));
    return Map.of("variables", variables);
  }
}
