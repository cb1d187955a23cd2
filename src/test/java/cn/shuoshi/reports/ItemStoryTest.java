package cn.shuoshi.reports;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Elements.FEEDBACK_TO_RESIDENT;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 事项经过 and 我经手的事项 in the Tasklist: a village item handled and verified, then read by the cadre who
 * gives the feedback (the tab beside the task's form), printed, found again among the items the handler
 * took part in; a cadre of another village, and nobody logged in, learn nothing of it.
 */
@ShuoshiTest
class ItemStoryTest {

  static final String VILLAGE = "LS11";
  static final String HANDLER = "ls11_ganbu1";
  static final String VERIFIER = "ls11_ganbu2";
  static final String STRANGER = "ls12_ganbu1";
  static final String BASE = "/camunda/api/tasklist/plugin/shuoshiStory/default";

  @LocalServerPort int port;
  @Autowired MatterSteps steps;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theCadreAtTheFeedbackReadsTheItemsWholeStoryInChineseAndPrintsIt() {
    Map<String, Object> register = Forms.register(VILLAGE);
    register.put("title", "村口路灯不亮<script>alert(1)</script>");
    ProcessInstance item = steps.register(HANDLER, register);
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    steps.complete(HANDLER, item, HANDLE_MATTER, Forms.resolved());
    // A note typed by a cadre names the resident: the story masks them.
    steps.complete(VERIFIER, item, VERIFY_RESULT,
        Forms.verified("CONFIRMED", "现场查看，水压正常，已电话告知李桂兰13912345678，其家人 +86 139-1234-5679"));
    String number = runtime.createProcessInstanceQuery().processInstanceId(item.getId()).singleResult().getBusinessKey();
    Task feedback = tasks.createTaskQuery().processInstanceId(item.getId()).taskDefinitionKey(FEEDBACK_TO_RESIDENT)
        .singleResult();

    Caller handler = loggedIn(HANDLER);
    Caller.Answer tab = handler.get(BASE + "/task/" + feedback.getId());
    assertThat(tab.status()).isEqualTo(200);
    JsonNode story = tab.json();
    assertThat(story.path("number").asText()).isEqualTo(number);
    assertThat(story.path("village").asText()).isNotBlank().doesNotContain(VILLAGE);
    assertThat(story.path("state").asText()).isEqualTo("待反馈群众");
    List<String> steps = new ArrayList<>();
    story.path("lines").forEach(line -> steps.add(line.path("actor").asText() + "|" + line.path("what").asText()
        + "|" + line.path("decision").asText() + "|" + line.path("note").asText()));
    // Every step in a cadre's words: the model's task names, the form's option labels, the cadres' names.
    assertThat(String.join("\n", steps))
        .contains("登记事项", "分类交办", "办理事项", "核实办理结果", "已解决", "已加装增压泵", "现场查看，水压正常",
            "李**", "139****5678", "*********5679")
        .doesNotContain("UserTask_", "RESOLVED", "CONFIRMED", "PROBLEM", "INFRASTRUCTURE", "_committee", "ls11_ganbu");
    assertThat(story.toString()).doesNotContain("李桂兰", "13912345678", "1234-5679");

    Caller.Answer page = handler.get(BASE + "/item/" + number + "/page");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy").orElse("")).contains("default-src 'none'");
    assertThat(page.body()).contains("事项经过", number, "核实办理结果", "&lt;script&gt;")
        .doesNotContain("<script>", "李桂兰", "13912345678");

    // The tab's print link: the page of the task's item.
    assertThat(handler.get(BASE + "/task/" + feedback.getId() + "/page").body()).contains("事项经过", number);

    Caller.Answer mine = handler.get(BASE + "/mine");
    assertThat(mine.status()).isEqualTo(200);
    JsonNode first = mine.json().get(0);
    assertThat(first.path("number").asText()).isEqualTo(number);
    assertThat(first.path("part").asText()).isEqualTo("登记、办理");
    assertThat(first.path("open").asBoolean()).isTrue();
    assertThat(handler.get(BASE + "/mine/page").body()).contains(number, "我经手的事项", "登记、办理");
    assertThat(loggedIn(VERIFIER).get(BASE + "/mine").json().get(0).path("part").asText()).isEqualTo("核实");
  }

  @Test
  void aCadreOfAnotherVillageAndNobodyLoggedInLearnNothingOfTheItem() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    String number = runtime.createProcessInstanceQuery().processInstanceId(item.getId()).singleResult().getBusinessKey();
    Task classify = tasks.createTaskQuery().processInstanceId(item.getId()).singleResult();
    long events = jdbc.queryForObject("select count(*) from matter_event", Long.class);

    Caller stranger = loggedIn(STRANGER);
    for (String path : List.of("/task/" + classify.getId(), "/item/" + number, "/item/" + number + "/page")) {
      Caller.Answer answer = stranger.get(BASE + path);
      assertThat(answer.status()).as(path).isEqualTo(404);
      // (The page's 404 reaches the browser as the webapps' own Chinese not-found answer.)
      assertThat(answer.body()).as(path).containsAnyOf("没有找到您可以查看的事项", "未找到所请求的内容")
          .doesNotContain("自来水压力不足", "李桂兰");
    }
    // The same answer as for a number that does not exist: numbers cannot be probed.
    assertThat(stranger.get(BASE + "/item/LS11-2099-99999").status()).isEqualTo(404);
    assertThat(stranger.get(BASE + "/mine").body()).doesNotContain(number);

    Caller nobody = Caller.anonymous(port);
    assertThat(nobody.get(BASE + "/item/" + number).status()).isIn(401, 403);
    assertThat(nobody.get(BASE + "/mine/page").status()).isIn(401, 403);

    // A cadre of the village who has not touched it reads it: it is their village's item.
    assertThat(loggedIn("ls11_shuji").get(BASE + "/item/" + number).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from matter_event", Long.class)).isEqualTo(events);
  }

  @Test
  void aPetitionsStoryStaysWithTheTownEvenForTheVillageCadreWhoRegisteredIt() {
    Map<String, Object> petition = Forms.register(VILLAGE);
    petition.put("matterType", "PETITION");
    petition.put("subject", "DISPUTE");
    ProcessInstance item = steps.register(HANDLER, petition);
    String number = runtime.createProcessInstanceQuery().processInstanceId(item.getId()).singleResult().getBusinessKey();

    Caller registrant = loggedIn(HANDLER);
    assertThat(registrant.get(BASE + "/item/" + number).status()).isEqualTo(404);
    // Listed among the items they took part in, but without a link: the town follows it.
    assertThat(registrant.get(BASE + "/mine/page").body()).contains(number + "（由镇里跟办）")
        .doesNotContain("item/" + number + "/page");
    assertThat(loggedIn("ls11_shuji").get(BASE + "/item/" + number).status()).isEqualTo(404);
    Caller station = loggedIn("ls_zhan");
    assertThat(station.get(BASE + "/item/" + number).status()).isEqualTo(200);
    Task classify = tasks.createTaskQuery().processInstanceId(item.getId()).singleResult();
    assertThat(station.get(BASE + "/task/" + classify.getId()).json().path("number").asText()).isEqualTo(number);
  }

  Caller loggedIn(String user) {
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", user, TestOrganisation.password(user)).status()).isEqualTo(200);
    return browser;
  }
}
