package cn.shuoshi.security;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.townhandling.TownHandlingProcess.TOWN_SIGN_FOR;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
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
 * Authorization is on: every cadre sees and works only their own units' tasks, supervisors read the
 * tasks of their area, registrations stay in the registrar's area, a confidential reporter is masked
 * for everybody who may not see them, and a complaint about a cadre never reaches the village.
 * Village A is 西坪村 (LS14), village B 南沟村 (LS15), both of 龙山镇 (LS) in 云岭县 (YL).
 */
@ShuoshiTest
class AuthorizationTest {

  static final String A_CADRE = "ls14_ganbu1";
  static final String B_CADRE = "ls15_ganbu1";
  static final String B_OTHER = "ls15_ganbu2";
  static final String SUPERVISOR = "ls_jiwei";
  static final String CENTRE = "yl_zhongxin";

  @Autowired TestRestTemplate http;
  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired RepositoryService repository;
  @Autowired LedgerRepository ledger;
  final ObjectMapper json = new ObjectMapper();

  // --- HTTP as a real user -------------------------------------------------------------------

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, TestOrganisation.password(user));
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  int status(String user, HttpMethod method, String path, Object body) {
    return call(user, method, path, body).getStatusCode().value();
  }

  int get(String user, String path) {
    return status(user, HttpMethod.GET, path, null);
  }

  JsonNode read(String user, String path) throws Exception {
    ResponseEntity<String> response = call(user, HttpMethod.GET, path, null);
    assertThat(response.getStatusCode().value()).as(user + " GET " + path).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, v == null ? Map.of("type", "Null")
        : Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String")));
    return Map.of("variables", typed);
  }

  List<String> visibleTaskIds(String user, String number) throws Exception {
    List<String> ids = new ArrayList<>();
    read(user, "/engine-rest/task?processInstanceBusinessKey=" + number).forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  <T> T as(String user, Supplier<T> step) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> g.getId()).toList());
    try {
      return step.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** An item of village B handled by its cadre, waiting for a second cadre of B to verify it. */
  ProcessInstance villageBItemWaitingForVerification() {
    ProcessInstance item = steps.register(B_CADRE, Forms.register("LS15"));
    steps.complete(B_CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", B_CADRE));
    steps.complete(B_CADRE, item, HANDLE_MATTER, Forms.resolved());
    return item;
  }

  // --- tasks -----------------------------------------------------------------------------------

  @Test
  void aVillageCadreCannotReadClaimOrCompleteAnotherVillagesTask() throws Exception {
    ProcessInstance item = villageBItemWaitingForVerification();
    String number = steps.number(item);
    Task verify = steps.task(item, VERIFY_RESULT);
    String task = "/engine-rest/task/" + verify.getId();

    // REST, as village A's cadre: the task is not listed, not readable, not claimable, not completable.
    assertThat(visibleTaskIds(A_CADRE, number)).isEmpty();
    assertThat(get(A_CADRE, task)).isIn(403, 404);
    assertThat(get(A_CADRE, task + "/variables")).isEqualTo(403);
    assertThat(get(A_CADRE, task + "/form-variables")).isEqualTo(403);
    assertThat(status(A_CADRE, HttpMethod.POST, task + "/claim", Map.of("userId", A_CADRE))).isEqualTo(403);
    assertThat(status(A_CADRE, HttpMethod.POST, task + "/complete",
        typed(Forms.verified("CONFIRMED", null)))).isEqualTo(403);
    assertThat(status(A_CADRE, HttpMethod.POST, task + "/submit-form",
        typed(Forms.verified("CONFIRMED", null)))).isEqualTo(403);

    // The Java API, as the Tasklist calls it with A's cadre logged in: the same.
    assertThat(as(A_CADRE, () -> tasks.createTaskQuery().taskId(verify.getId()).count())).isZero();
    assertThatThrownBy(() -> as(A_CADRE, () -> {
      tasks.claim(verify.getId(), A_CADRE);
      return null;
    })).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as(A_CADRE, () -> {
      tasks.complete(verify.getId(), Map.of(VERIFICATION_RESULT, "CONFIRMED"));
      return null;
    })).isInstanceOf(AuthorizationException.class);
    assertThat(tasks.createTaskQuery().taskId(verify.getId()).singleResult().getAssignee()).isNull();

    // Village B's other cadre sees it, claims it and verifies it — but may not move its due date.
    assertThat(visibleTaskIds(B_OTHER, number)).contains(verify.getId());
    assertThat(get(B_OTHER, task)).isEqualTo(200);
    assertThat(status(B_OTHER, HttpMethod.PUT, task,
        Map.of("name", verify.getName(), "due", "2099-01-01T00:00:00.000+0800"))).isEqualTo(403);
    assertThat(status(B_OTHER, HttpMethod.POST, task + "/claim", Map.of("userId", B_OTHER))).isEqualTo(204);
    assertThat(status(B_OTHER, HttpMethod.POST, task + "/submit-form",
        typed(Forms.verified("CONFIRMED", null)))).isEqualTo(204);
    assertThat(steps.task(item, FEEDBACK_TO_RESIDENT)).isNotNull();
  }

  @Test
  void aSupervisorReadsAHandlersTaskAndItsItemButCannotWorkIt() throws Exception {
    ProcessInstance item = steps.register(B_CADRE, Forms.register("LS15"));
    steps.complete(B_CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", B_CADRE));
    Task handle = steps.task(item, HANDLE_MATTER);
    String task = "/engine-rest/task/" + handle.getId();
    String unitInstance = "/engine-rest/process-instance/" + items.unit(item).getId();

    for (String supervisor : List.of(SUPERVISOR, "ls_dangjian", CENTRE)) {
      assertThat(visibleTaskIds(supervisor, steps.number(item))).as(supervisor).contains(handle.getId());
      assertThat(read(supervisor, task).path("assignee").asText()).isEqualTo(B_CADRE);
      assertThat(get(supervisor, task + "/variables")).isEqualTo(200);
      assertThat(get(supervisor, unitInstance)).as(supervisor).isEqualTo(200);
      assertThat(get(supervisor, "/engine-rest/process-instance/" + item.getId())).isEqualTo(200);
      assertThat(status(supervisor, HttpMethod.POST, task + "/complete", typed(Forms.resolved()))).isEqualTo(403);
      assertThat(status(supervisor, HttpMethod.POST, task + "/submit-form", typed(Forms.resolved()))).isEqualTo(403);
      assertThat(status(supervisor, HttpMethod.POST, task + "/claim", Map.of("userId", supervisor))).isEqualTo(403);
      assertThat(status(supervisor, HttpMethod.POST, task + "/assignee", Map.of("userId", supervisor))).isEqualTo(403);
    }
    // Others of the town read nothing of it; village A not even the process instance.
    assertThat(visibleTaskIds("ls_zhan", steps.number(item))).isEmpty();
    assertThat(get(A_CADRE, unitInstance)).isIn(403, 404);

    steps.complete(B_CADRE, item, HANDLE_MATTER, Forms.resolved());
    assertThat(steps.task(item, VERIFY_RESULT)).isNotNull();
  }

  // --- registration ------------------------------------------------------------------------------

  @Test
  void aVillageCadreCannotStartItemsForAnotherVillage() throws Exception {
    long before = ledger.countAll();

    assertThatThrownBy(() -> steps.register(A_CADRE, Forms.register("LS15")))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors().get(VILLAGE_CODE)).contains("不能为该村（社区）登记事项"));

    ResponseEntity<String> rest = call(A_CADRE, HttpMethod.POST,
        "/engine-rest/process-definition/key/matter/submit-form", typed(Forms.register("LS15")));
    assertThat(rest.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(rest.getBody()).path("fieldErrors").path(VILLAGE_CODE).asText()).contains("南沟村");

    Map<String, Object> body = new LinkedHashMap<>(Map.of("villageCode", "LS15", "channel", "PHONE",
        "reporterName", "赵春花", "confidential", false, "type", "PROBLEM", "subject", "INFRASTRUCTURE",
        "title", "路灯不亮", "description", "村口路灯坏了。"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(A_CADRE, TestOrganisation.password(A_CADRE));
    headers.set("Idempotency-Key", UUID.randomUUID().toString());
    ResponseEntity<String> api = http.exchange("/api/matters", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);
    assertThat(api.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(api.getBody()).path("errors").has("villageCode")).isTrue();

    // A county department may not register at all (no start permission).
    assertThat(status("yl_shuili", HttpMethod.POST, "/engine-rest/process-definition/key/matter/submit-form",
        typed(Forms.register("LS15")))).isEqualTo(403);
    assertThat(ledger.countAll()).isEqualTo(before);

    // Village B's own cadre, the town's station and the county centre may.
    for (String registrar : List.of(B_CADRE, "ls_zhan", CENTRE)) {
      assertThat(status(registrar, HttpMethod.POST, "/engine-rest/process-definition/key/matter/submit-form",
          typed(Forms.register("LS15")))).as(registrar).isEqualTo(200);
    }
    assertThat(ledger.countAll()).isEqualTo(before + 3);
  }

  // --- anonymous callers, webapps ------------------------------------------------------------------

  @Test
  void anonymousCallersGet401ExceptOnHealthTheBoardAndTheApiDescription() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/user",
        "/engine-rest/authorization", "/engine-rest/history/variable-instance", "/api/ledger?unit=LS",
        "/api/ledger/export.csv?unit=LS", "/api/matters/LS14-2026-00001", "/api/rates?unit=LS",
        "/api/speaking-days", "/camunda/api/engine/engine/default/task/count",
        "/camunda/api/engine/engine/default/process-definition")) {
      assertThat(get(null, path)).as(path).isEqualTo(401);
    }
    assertThat(status(null, HttpMethod.POST, "/engine-rest/process-definition/key/matter/start",
        typed(Forms.register("LS14")))).isEqualTo(401);
    assertThat(status(null, HttpMethod.POST, "/engine-rest/deployment/create", Map.of())).isEqualTo(401);

    for (String path : List.of("/actuator/health", "/board/villages/LS14", "/board/towns/LS", "/v3/api-docs")) {
      assertThat(get(null, path)).as(path).isEqualTo(200);
    }
    assertThat(get(null, "/actuator/env")).isEqualTo(404);
  }

  @Test
  void theWebappsKeepTheirCsrfProtectionAndSecurityHeaders() {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    HttpHeaders headers = page.getHeaders();
    assertThat(headers.getFirst("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.get(HttpHeaders.SET_COOKIE)).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN="));

    // A state-changing webapp call without the CSRF token is refused before anything else.
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=" + A_CADRE + "&password=" + TestOrganisation.password(A_CADRE),
            form), String.class);
    assertThat(login.getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void cadresUseTheTasklistSupervisorsAndDesignersCockpitAndOnlyAdministratorsAdmin() {
    assertThat(allowed(A_CADRE, "tasklist")).isTrue();
    assertThat(allowed(A_CADRE, "cockpit")).isFalse();
    assertThat(allowed("ls_zhan", "cockpit")).isFalse();
    assertThat(allowed(SUPERVISOR, "cockpit")).isTrue();
    assertThat(allowed(CENTRE, "cockpit")).isTrue();
    for (String user : List.of(A_CADRE, SUPERVISOR, CENTRE, "yl_shuili")) {
      assertThat(allowed(user, "admin")).as(user).isFalse();
    }
  }

  boolean allowed(String user, String application) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    return authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, application);
  }

  @Test
  void designersDeployButAdministerNothingAndCadresDeployNothing() {
    String designer = "designer_" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(designer);
    user.setPassword(TestOrganisation.password(designer));
    user.setFirstName("设计员");
    user.setLastName("");
    identity.saveUser(user);
    identity.createMembership(designer, Grants.DESIGNERS);
    String form = "{\"id\":\"authorization-test\",\"type\":\"default\",\"components\":[]}";

    Deployment deployment = as(designer, () -> repository.createDeployment().name("authorization-test")
        .addString("authorization-test.form", form).deploy());
    try {
      assertThat(allowed(designer, "cockpit")).isTrue();
      assertThatThrownBy(() -> as(designer, () -> {
        identity.saveUser(identity.newUser("made_by_" + designer));
        return null;
      })).isInstanceOf(AuthorizationException.class);
      assertThatThrownBy(() -> as(A_CADRE, () -> repository.createDeployment().name("authorization-test")
          .addString("authorization-test.form", form).deploy())).isInstanceOf(AuthorizationException.class);
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
      identity.deleteUser(designer);
    }
  }

  // --- residents' personal data ------------------------------------------------------------------

  @Test
  void aConfidentialReporterIsMaskedForEveryRoleThatMayNotSeeThem() throws Exception {
    Map<String, Object> form = Forms.register("LS14");
    form.put(REPORTER_NAME, "欧阳春花");
    form.put(REPORTER_PHONE, "13987654321");
    form.put(CONFIDENTIAL, true);
    ProcessInstance item = steps.register(A_CADRE, form);
    // Registered by ganbu1, handled by ganbu2.
    steps.complete(A_CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", "ls14_ganbu2"));
    String number = steps.number(item);

    Map<String, String> unitOf = Map.of("ls14_ganbu1", "LS14", "ls14_ganbu2", "LS14", "ls14_shuji", "LS14",
        "ls14_zhucun", "LS14", "ls_zhan", "LS", "ls_baocun", "LS", "ls_dangwei", "LS", SUPERVISOR, "LS",
        "ls_dangjian", "LS", CENTRE, "YL");
    List<String> seeTheReporter = List.of("ls14_ganbu1", "ls14_ganbu2", SUPERVISOR, "ls_dangjian", CENTRE);
    for (Map.Entry<String, String> viewer : unitOf.entrySet()) {
      JsonNode line = null;
      for (JsonNode l : read(viewer.getKey(), "/api/ledger?unit=" + viewer.getValue())) {
        if (l.path("number").asText().equals(number)) {
          line = l;
        }
      }
      assertThat(line).as(viewer.getKey()).isNotNull();
      if (seeTheReporter.contains(viewer.getKey())) {
        assertThat(line.path("reporterName").asText()).as(viewer.getKey()).isEqualTo("欧阳春花");
        assertThat(line.path("reporterPhone").asText()).as(viewer.getKey()).isEqualTo("13987654321");
      } else {
        assertThat(line.path("reporterName").asText()).as(viewer.getKey()).isEqualTo("欧***");
        assertThat(line.path("reporterPhone").asText()).as(viewer.getKey()).isEqualTo("139****4321");
      }
      String csv = new String(csv(viewer.getKey(), viewer.getValue()), StandardCharsets.UTF_8);
      assertThat(csv).as(viewer.getKey()).contains(number);
      if (!seeTheReporter.contains(viewer.getKey())) {
        assertThat(csv).as(viewer.getKey()).doesNotContain("欧阳春花", "13987654321").contains("欧***", "139****4321");
      }
    }
    // The status a resident may be told carries no personal data for anybody.
    String status = call("ls14_shuji", HttpMethod.GET, "/api/matters/" + number, null).getBody();
    assertThat(status).doesNotContain("欧阳", "13987654321", "139****4321");
    // Nor does the engine keep the reporter in the process.
    assertThat(get("ls14_ganbu2", "/engine-rest/process-instance/" + item.getId() + "/variables/" + REPORTER_NAME))
        .isIn(403, 404);
  }

  byte[] csv(String user, String unit) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestOrganisation.password(user));
    ResponseEntity<byte[]> response = http.exchange("/api/ledger/export.csv?unit=" + unit, HttpMethod.GET,
        new HttpEntity<>(headers), byte[].class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return response.getBody();
  }

  @Test
  void aCadreReadsTheLedgerOfTheirOwnAreaOnly() {
    assertThat(get(A_CADRE, "/api/ledger?unit=LS14")).isEqualTo(200);
    assertThat(get(A_CADRE, "/api/ledger?unit=LS15")).isEqualTo(403);
    assertThat(get(A_CADRE, "/api/ledger/export.xlsx?unit=LS15")).isEqualTo(403);
    assertThat(get(A_CADRE, "/api/ledger?unit=LS")).isEqualTo(403);
    assertThat(get("ls_zhan", "/api/ledger?unit=LS15")).isEqualTo(200);
    assertThat(get("ls_zhan", "/api/ledger?unit=YL")).isEqualTo(403);
    assertThat(get(CENTRE, "/api/ledger?unit=LS15")).isEqualTo(200);
    assertThat(get("yl_shuili", "/api/ledger?unit=LS")).isEqualTo(403);
  }

  @Test
  void aComplaintAboutACadreNeverReachesTheVillage() throws Exception {
    String village = "LS16";
    List<String> villageCadres = List.of("ls16_ganbu1", "ls16_ganbu2", "ls16_shuji", "ls16_zhucun");
    ProcessInstance item = steps.register("ls16_ganbu1", Forms.register(village));
    Map<String, Object> conduct = Forms.classify("VILLAGE", "ls16_ganbu1");
    conduct.put(SUBJECT, "CADRE_CONDUCT");
    steps.complete("ls16_ganbu1", item, CLASSIFY_MATTER, conduct);
    String number = steps.number(item);

    // With the town's discipline commission, handled and verified there.
    assertThat(steps.task(item, TOWN_SIGN_FOR)).isNotNull();
    steps.complete(SUPERVISOR, item, TOWN_SIGN_FOR, Forms.townDecides("HANDLE"));
    steps.complete(SUPERVISOR, item, HANDLE_MATTER, Forms.resolved());
    assertVillageSeesNothing(villageCadres, village, number);
    steps.complete("ls_dangjian", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));

    // Feeding back and the rating, village tasks otherwise, stay with the commission too.
    Task feedback = steps.task(item, FEEDBACK_TO_RESIDENT);
    assertThat(feedback.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(feedback.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("LS_supervisor");
    assertVillageSeesNothing(villageCadres, village, number);
    steps.complete(SUPERVISOR, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    assertThat(tasks.getIdentityLinksForTask(steps.task(item, REVIEW_SATISFACTION).getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("LS_supervisor");
    assertVillageSeesNothing(villageCadres, village, number);
    // The rating is never recorded by the item's handler (here the commission's ls_jiwei): another of
    // the commission sees it and records it.
    assertThat(visibleTaskIds(SUPERVISOR, number)).isEmpty();
    assertThat(visibleTaskIds("ls_dangjian", number)).hasSize(1);
    assertThat(read(SUPERVISOR, "/api/ledger?unit=LS").findValuesAsText("number")).contains(number);
    steps.complete("ls_dangjian", item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));
    assertVillageSeesNothing(villageCadres, village, number);
  }

  @Test
  void aPetitionRegisteredThroughTheApiIsClassifiedByTheTownNotTheVillage() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("villageCode", "LS16", "channel", "ONLINE",
        "reporterName", "孙大海", "confidential", true, "type", "PETITION", "subject", "DISPUTE",
        "title", "宅基地纠纷信访", "description", "与村委会的宅基地纠纷，要求上级处理。"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("ls16_ganbu1", TestOrganisation.password("ls16_ganbu1"));
    headers.set("Idempotency-Key", UUID.randomUUID().toString());
    ResponseEntity<String> created = http.exchange("/api/matters", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    String number = json.readTree(created.getBody()).path("number").asText();

    Task classify = tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(classify.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(classify.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("LS_station");
    assertVillageSeesNothing(List.of("ls16_ganbu1", "ls16_ganbu2", "ls16_shuji"), "LS16", number);
    assertThat(visibleTaskIds("ls_zhan", number)).containsExactly(classify.getId());
  }

  void assertVillageSeesNothing(List<String> cadres, String village, String number) throws Exception {
    for (String cadre : cadres) {
      assertThat(visibleTaskIds(cadre, number)).as(cadre + " tasks").isEmpty();
      assertThat(read(cadre, "/api/ledger?unit=" + village).findValuesAsText("number")).as(cadre + " ledger")
          .doesNotContain(number);
      assertThat(new String(csv(cadre, village), StandardCharsets.UTF_8)).doesNotContain(number);
    }
  }
}
