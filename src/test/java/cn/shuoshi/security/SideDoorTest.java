package cn.shuoshi.security;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.ESCALATION_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.REMIND_HANDLER_TIMER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.unithandling.UnitHandlingProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An attacker with a login tries every side door to an item that is not the modelled path — starting
 * it at any activity, skipping its listeners, modifying, restarting or migrating it, running or
 * rescheduling its timers and the engine's own jobs, throwing errors from its tasks, completing tasks
 * without their form or with extra values, setting variables, correlating messages — as each role,
 * through the engine REST API and through the webapps' API. Every attempt is refused and afterwards
 * the database is exactly as before: the ledger rows and events, the jobs' retries and due dates, the
 * executions, tasks, variables, deployments and memberships.
 */
@ShuoshiTest
class SideDoorTest {

  static final String VILLAGE_CADRE = "ls14_ganbu1";
  static final String OTHER_VILLAGE_CADRE = "ls15_ganbu1";
  static final String TOWN_STATION = "ls_zhan";
  static final String SUPERVISOR = "ls_jiwei";
  static final String COUNTY_DEPARTMENT = "yl_shuili";
  static final String DESIGNER = "sidedoor_designer";
  static final String INTAKE = "sidedoor_intake";
  static final String ADMIN = "sidedoor_admin";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  final ObjectMapper json = new ObjectMapper();

  /** One attempt: an engine API call (path below the engine's root) with its JSON body. */
  record Attack(String name, String method, String path, Object body) {}

  /** What the attacker needs to know about the item: ids anybody can find in Cockpit or the API. */
  record Target(String number, ProcessInstance item, String unitInstance, String handleTask, String escalationTimer,
      String escalationTimerDefinition, String standaloneJob, String matterDefinition, String unitDefinition,
      String deployment) {}


  @BeforeEach
  void accounts() {
    user(DESIGNER, Grants.DESIGNERS);
    user(INTAKE, Grants.INTAKE);
    user(ADMIN, Grants.ADMINS);
  }

  void user(String id, String group) {
    SideDoorAccounts.ensure(identity, authorizations, id, group);
  }

  static String password(String user) {
    return TestOrganisation.password(user);
  }

  /** An item of 西坪村 (LS14) in handling, its deadline timers waiting. */
  Target target() {
    ProcessInstance item = steps.register(VILLAGE_CADRE, Forms.register("LS14"));
    steps.complete(VILLAGE_CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", VILLAGE_CADRE));
    ProcessInstance unit = items.unit(item);
    Job escalation = items.timer(item, ESCALATION_TIMER);
    Job standalone = management.createJobQuery().list().stream().filter(j -> j.getProcessInstanceId() == null)
        .findFirst().orElseThrow(() -> new IllegalStateException("no job outside an item (start timers)"));
    return new Target(steps.number(item), item, unit.getId(), steps.task(item, HANDLE_MATTER).getId(),
        escalation.getId(), escalation.getJobDefinitionId(), standalone.getId(), item.getProcessDefinitionId(),
        unit.getProcessDefinitionId(), repository.createProcessDefinitionQuery()
            .processDefinitionId(item.getProcessDefinitionId()).singleResult().getDeploymentId());
  }

  static List<Attack> attacks(Target t) {
    Map<String, Object> resolved = typed(Forms.resolved());
    Map<String, Object> withExtra = typed(Forms.resolved());
    withExtra.put("dissatisfiedCount", Map.of("value", 5, "type", "Integer"));
    Map<String, Object> closeIt = Map.of("type", "startBeforeActivity", "activityId", END_RESOLVED);
    Map<String, Object> rateIt = Map.of("type", "startBeforeActivity", "activityId", REVIEW_SATISFACTION);
    return List.of(
        new Attack("start at an end event with the item's number", "POST", "/process-definition/key/matter/start",
            Map.of("businessKey", t.number(), "startInstructions", List.of(closeIt))),
        new Attack("start at the rating, skipping listeners and mappings", "POST",
            "/process-definition/key/matter/start", Map.of("businessKey", t.number(), "skipCustomListeners", true,
                "skipIoMappings", true, "startInstructions", List.of(rateIt),
                "variables", typed(Map.of("villageCode", "LS14", "satisfaction", "SATISFIED")))),
        new Attack("plain start without the registration form", "POST", "/process-definition/key/matter/start",
            Map.of("variables", typed(Forms.register("LS14")))),
        new Attack("registration form with the item's number", "POST", "/process-definition/key/matter/submit-form",
            Map.of("businessKey", t.number(), "variables", typed(Forms.register("LS14")))),
        new Attack("modify the instance to its end", "POST", "/process-instance/" + t.item().getId() + "/modification",
            Map.of("skipCustomListeners", true, "instructions", List.of(closeIt))),
        new Attack("modification batch", "POST", "/modification/execute", Map.of("processDefinitionId",
            t.matterDefinition(), "processInstanceIds", List.of(t.item().getId()), "instructions", List.of(closeIt))),
        new Attack("restart at the rating", "POST", "/process-definition/" + t.matterDefinition() + "/restart",
            Map.of("processInstanceIds", List.of(t.item().getId()), "instructions", List.of(rateIt))),
        new Attack("migrate the unit's instance", "POST", "/migration/execute", Map.of("migrationPlan",
            Map.of("sourceProcessDefinitionId", t.unitDefinition(), "targetProcessDefinitionId", t.unitDefinition(),
                "instructions", List.of()), "processInstanceIds", List.of(t.unitInstance()))),
        new Attack("run the escalation timer now", "POST", "/job/" + t.escalationTimer() + "/execute", null),
        new Attack("set the timer's retries to 0", "PUT", "/job/" + t.escalationTimer() + "/retries", Map.of("retries", 0)),
        new Attack("move the timer's due date", "PUT", "/job/" + t.escalationTimer() + "/duedate",
            Map.of("duedate", "2099-01-01T00:00:00.000+0800")),
        new Attack("suspend the timer", "PUT", "/job/" + t.escalationTimer() + "/suspended", Map.of("suspended", true)),
        new Attack("reprioritise the timer", "PUT", "/job/" + t.escalationTimer() + "/priority", Map.of("priority", 9)),
        new Attack("delete the timer", "DELETE", "/job/" + t.escalationTimer(), null),
        new Attack("run the engine's own job", "POST", "/job/" + t.standaloneJob() + "/execute", null),
        new Attack("set the engine's own job's retries", "PUT", "/job/" + t.standaloneJob() + "/retries",
            Map.of("retries", 0)),
        new Attack("suspend the engine's own job", "PUT", "/job/" + t.standaloneJob() + "/suspended",
            Map.of("suspended", true)),
        new Attack("delete the engine's own job", "DELETE", "/job/" + t.standaloneJob(), null),
        new Attack("suspend the timers' job definition", "PUT", "/job-definition/" + t.escalationTimerDefinition()
            + "/suspended", Map.of("suspended", true, "includeJobs", true)),
        new Attack("retries of the job definition", "PUT", "/job-definition/" + t.escalationTimerDefinition()
            + "/retries", Map.of("retries", 0)),
        new Attack("throw a BPMN error from the handling task", "POST", "/task/" + t.handleTask() + "/bpmnError",
            Map.of("errorCode", "DONE")),
        new Attack("throw an escalation from the handling task", "POST", "/task/" + t.handleTask()
            + "/bpmnEscalation", Map.of("escalationCode", "DONE")),
        new Attack("complete the task without its form", "POST", "/task/" + t.handleTask() + "/complete",
            Map.of("variables", resolved)),
        new Attack("submit the form with a field it does not have", "POST", "/task/" + t.handleTask()
            + "/submit-form", Map.of("variables", withExtra)),
        new Attack("delegate the task", "POST", "/task/" + t.handleTask() + "/delegate", Map.of("userId", SUPERVISOR)),
        new Attack("add a candidate group to the task", "POST", "/task/" + t.handleTask() + "/identity-links",
            Map.of("groupId", "LS15_committee", "type", "candidate")),
        new Attack("create a task", "POST", "/task/create", Map.of("id", "sidedoor", "name", "伪造任务")),
        new Attack("change a variable of the item", "PUT", "/process-instance/" + t.item().getId()
            + "/variables/handlingLevel", Map.of("value", "COUNTY", "type", "String")),
        new Attack("correlate a message to the item", "POST", "/message",
            Map.of("messageName", "close", "businessKey", t.number())),
        new Attack("throw a signal", "POST", "/signal", Map.of("name", "close")),
        new Attack("signal the unit's execution", "POST", "/execution/" + t.unitInstance() + "/signal", Map.of()),
        new Attack("raise an incident", "POST", "/execution/" + t.unitInstance() + "/create-incident",
            Map.of("incidentType", "failedJob", "configuration", "x")),
        new Attack("suspend the item", "PUT", "/process-instance/" + t.item().getId() + "/suspended",
            Map.of("suspended", true)),
        new Attack("delete the item", "DELETE", "/process-instance/" + t.item().getId(), null),
        new Attack("clean up history now", "POST", "/history/cleanup", null),
        new Attack("delete the models' deployment", "DELETE", "/deployment/" + t.deployment() + "?cascade=true", null));
  }

  static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, v == null ? Map.of("type", "Null")
        : Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String")));
    return typed;
  }

  /** Everything an attack could change, as one comparable text. */
  String snapshot() {
    StringBuilder s = new StringBuilder();
    for (String sql : List.of(
        "select * from matter order by id",
        "select count(*), max(id) from matter_event",
        "select count(*) from audit_trail",
        "select ID_, REV_, RETRIES_, DUEDATE_, SUSPENSION_STATE_, LOCK_OWNER_, LOCK_EXP_TIME_, PRIORITY_ from ACT_RU_JOB order by ID_",
        "select ID_, REV_, SUSPENSION_STATE_, JOB_PRIORITY_ from ACT_RU_JOBDEF order by ID_",
        "select ID_, REV_, ACT_ID_, SUSPENSION_STATE_, IS_ACTIVE_ from ACT_RU_EXECUTION order by ID_",
        "select ID_, REV_, ASSIGNEE_, NAME_, DUE_DATE_ from ACT_RU_TASK order by ID_",
        "select count(*) from ACT_RU_IDENTITYLINK",
        "select ID_, REV_, NAME_, TEXT_, LONG_ from ACT_RU_VARIABLE order by ID_",
        "select count(*) from ACT_RU_INCIDENT",
        "select count(*) from ACT_RU_BATCH",
        "select count(*) from ACT_RE_DEPLOYMENT",
        "select count(*) from ACT_RE_PROCDEF",
        "select count(*) from ACT_HI_PROCINST",
        "select count(*) from ACT_ID_MEMBERSHIP")) {
      s.append(sql).append(" → ").append(jdbc.queryForList(sql)).append('\n');
    }
    return s.toString();
  }

  /** Tries every attack as {@code user} through one door; each must be refused and change nothing. */
  void everyAttackIsRefused(String user, String door, Function<Attack, Integer> send, Target target) {
    String before = snapshot();
    List<String> answered = new ArrayList<>();
    for (Attack attack : attacks(target)) {
      int status = send.apply(attack);
      if (status < 400 || status >= 500) {
        answered.add(attack.name() + " → " + status);
      }
      assertThat(snapshot()).as("%s through %s: %s (%d) changed the database", user, door, attack.name(), status)
          .isEqualTo(before);
    }
    assertThat(answered).as("%s through %s: attempts not refused with 4xx", user, door).isEmpty();
  }

  int engineRest(String user, Attack attack) {
    return engineRestCall(user, attack).getStatusCode().value();
  }

  ResponseEntity<String> engineRestCall(String user, Attack attack) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, password(user));
    }
    return http.exchange("/engine-rest" + attack.path(), HttpMethod.valueOf(attack.method()),
        new HttpEntity<>(attack.body(), headers), String.class);
  }

  int webapps(WebappSession session, Attack attack) {
    try {
      return session.call(attack.method(), WebappSession.ENGINE_API + attack.path(),
          attack.body() == null ? null : json.writeValueAsString(attack.body())).status();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyRoleIsRefusedEverySideDoorThroughTheEngineRestApiAndNothingChanges() {
    Target target = target();
    for (String user : new String[] {VILLAGE_CADRE, OTHER_VILLAGE_CADRE, TOWN_STATION, SUPERVISOR,
        COUNTY_DEPARTMENT, DESIGNER, INTAKE, null}) {
      everyAttackIsRefused(user == null ? "anonymous" : user, "engine REST", a -> engineRest(user, a), target);
    }
    // The door itself works: the village's cadre submits the handling form the modelled way.
    assertThat(engineRest(VILLAGE_CADRE, new Attack("handle", "POST", "/task/" + target.handleTask() + "/submit-form",
        Map.of("variables", typed(Forms.resolved()))))).isEqualTo(204);
    assertThat(steps.task(target.item(), UnitHandlingProcess.VERIFY_RESULT)).isNotNull();
  }

  @Test
  void everyRoleIsRefusedEverySideDoorThroughTheWebappsApiAndNothingChanges() {
    Target target = target();
    Map<String, String> app = new LinkedHashMap<>();
    app.put(VILLAGE_CADRE, "tasklist");
    app.put(OTHER_VILLAGE_CADRE, "tasklist");
    app.put(TOWN_STATION, "tasklist");
    app.put(SUPERVISOR, "cockpit");
    app.put(COUNTY_DEPARTMENT, "tasklist");
    app.put(DESIGNER, "cockpit");
    app.put(INTAKE, "tasklist");
    app.forEach((user, application) -> {
      WebappSession session = WebappSession.login(port, user, password(user), application);
      everyAttackIsRefused(user, "webapps", a -> webapps(session, a), target);
    });
    WebappSession anonymous = WebappSession.anonymous(port);
    everyAttackIsRefused("anonymous", "webapps", a -> webapps(anonymous, a), target);

    // The door itself works (session, CSRF token): the village's cadre submits the handling form in
    // the Tasklist the modelled way, and an anonymous browser is asked to log in.
    WebappSession cadre = WebappSession.login(port, VILLAGE_CADRE, password(VILLAGE_CADRE), "tasklist");
    assertThat(webapps(cadre, new Attack("handle", "POST", "/task/" + target.handleTask() + "/submit-form",
        Map.of("variables", typed(Forms.resolved()))))).isEqualTo(204);
    assertThat(steps.task(target.item(), UnitHandlingProcess.VERIFY_RESULT)).isNotNull();
    assertThat(anonymous.call("GET", WebappSession.ENGINE_API + "/task", null).status()).isEqualTo(401);
  }

  @Test
  void anAdministratorMayRepairAnItemAndTheAuditTrailNamesThemAndTheDoor() throws Exception {
    Target target = target();
    Job reminder = items.timer(target.item(), REMIND_HANDLER_TIMER);

    // The county's IT officer runs the reminder now through the engine REST API: allowed, and on record.
    ResponseEntity<String> run = engineRestCall(ADMIN, new Attack("run the reminder", "POST",
        "/job/" + reminder.getId() + "/execute", null));
    assertThat(run.getStatusCode().value()).as(run.getBody()).isEqualTo(204);
    ResponseEntity<String> retries = engineRestCall(ADMIN, new Attack("retries", "PUT",
        "/job/" + target.escalationTimer() + "/retries", Map.of("retries", 5)));
    assertThat(retries.getStatusCode().value()).as(retries.getBody()).isEqualTo(204);

    JsonNode audit = audit(SUPERVISOR, target.number());
    List<String> lines = new ArrayList<>();
    audit.path("entries").forEach(e -> lines.add(e.path("actor").asText() + "|" + e.path("door").asText() + "|"
        + e.path("what").asText()));
    assertThat(lines).contains(VILLAGE_CADRE + "|SYSTEM|REGISTERED", VILLAGE_CADRE + "|SYSTEM|" + CLASSIFY_MATTER,
        ADMIN + "|ENGINE_REST|REMINDED", ADMIN + "|ENGINE_REST|Execute（Job）",
        ADMIN + "|ENGINE_REST|SetJobRetries（Job）");
    assertThat(audit.findValuesAsText("actor")).doesNotContainNull();

    // Only the supervisors of the item's area and administrators read it.
    assertThat(auditStatus("yl_zhongxin", target.number())).isEqualTo(200);
    assertThat(auditStatus(VILLAGE_CADRE, target.number())).isEqualTo(403);
    assertThat(auditStatus(TOWN_STATION, target.number())).isEqualTo(403);
    assertThat(auditStatus(null, target.number())).isEqualTo(401);
  }

  @Test
  void anInstanceThatClaimsAnotherItemsNumberIsRefusedEvenForAnAdministrator() throws Exception {
    Target target = target();
    String before = snapshot();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(ADMIN, password(ADMIN));
    ResponseEntity<String> forged = http.exchange("/engine-rest/process-definition/key/matter/start", HttpMethod.POST,
        new HttpEntity<>(Map.of("businessKey", target.number(), "startInstructions", List.of(Map.of(
            "type", "startBeforeActivity", "activityId", REVIEW_SATISFACTION)),
            "variables", typed(Map.of("villageCode", "LS14", "matterNumber", target.number(), "title", "伪造",
                "deskRole", "COMMITTEE", "reviewRole", "SECRETARY"))), headers), String.class);

    assertThat(forged.getStatusCode().value()).as(forged.getBody()).isEqualTo(403);
    assertThat(json.readTree(forged.getBody()).path("message").asText()).contains(target.number())
        .contains("属于另一个流程实例");
    assertThat(snapshot()).isEqualTo(before);
  }

  JsonNode audit(String user, String number) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password(user));
    ResponseEntity<String> response = http.exchange("/api/matters/" + number + "/audit", HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  int auditStatus(String user, String number) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, password(user));
    }
    return http.exchange("/api/matters/" + number + "/audit", HttpMethod.GET, new HttpEntity<>(headers), String.class)
        .getStatusCode().value();
  }
}
