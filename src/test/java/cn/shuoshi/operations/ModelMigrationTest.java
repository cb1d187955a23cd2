package cn.shuoshi.operations;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Elements.FEEDBACK_TO_RESIDENT;
import static cn.shuoshi.matter.MatterProcess.Elements.REVIEW_SATISFACTION;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Grants;
import cn.shuoshi.security.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A designer changes the unit-handling model: a step added (现场复核 by the town's supervisors after
 * the verification, with a new form), a form changed (核实地点 added to the verification) and a deadline rule changed (village items: 10 working days
 * instead of 5, decision levelTimeLimits). New items take the new version; a running item either
 * finishes on its old version or is migrated by an administrator with Camunda's migration API, as
 * docs/OPERATIONS.md ("Changing a model") says; a cadre's migration is refused and changes nothing.
 * The changed models are deleted again afterwards (the scenario tests share one engine).
 */
@ShuoshiTest
class ModelMigrationTest {

  static final String VILLAGE = "LS05";
  static final String CADRE = "ls05_ganbu1";
  static final String SECOND_CADRE = "ls05_ganbu2";
  static final String SECRETARY = "ls05_shuji";
  static final String TOWN_SUPERVISOR = "ls_jiwei";
  static final String NEW_STEP = "UserTask_ReviewOnSite";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEPLOYMENT = "unit-handling-onsite-review";

  @LocalServerPort int port;
  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired LedgerRepository ledger;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;
  TestUsers users;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  String designer;
  String admin;
  String deploymentId;

  @BeforeEach
  void accounts() {
    // A run killed half-way (PostgreSQL keeps its database) left its changed models: gone first.
    repository.createDeploymentQuery().deploymentNameLike(DEPLOYMENT + "%").list()
        .forEach(d -> repository.deleteDeployment(d.getId(), true, true, true));
    users = new TestUsers(identity, authorizations);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    designer = account("designer_" + suffix, "设计员", Grants.DESIGNERS);
    admin = users.administrator("opsadmin");
  }

  String account(String id, String name, String group) {
    User user = identity.newUser(id);
    user.setPassword(TestOrganisation.password(id));
    user.setFirstName(name);
    user.setLastName("");
    identity.saveUser(user);
    identity.createMembership(id, group);
    return id;
  }

  @AfterEach
  void removeTheChangedModelsAndAccounts() {
    ClockUtil.reset();
    if (deploymentId != null) {
      // The other scenario tests run on the service's own models.
      repository.deleteDeployment(deploymentId, true, true, true);
    }
    identity.deleteUser(designer);
    users.deleteAll();
  }

  // --- the changed models, as a designer saves them from the Modeler -----------------------------

  static String replaceOnce(String text, String from, String to) {
    assertThat(text).as("the model still has %s", from).contains(from);
    return text.replace(from, to);
  }

  /** unit-handling.bpmn with 现场复核 between a confirmed verification and the end of the handling. */
  static byte[] changedUnitHandling() throws Exception {
    String bpmn = Files.readString(Path.of("processes/unit-handling.bpmn"));
    bpmn = replaceOnce(bpmn,
        "<bpmn:sequenceFlow id=\"Flow_ResultConfirmed\" name=\"核实无误\" sourceRef=\"Gateway_ResultVerified\" targetRef=\"EndEvent_HandlingDone\">",
        "<bpmn:sequenceFlow id=\"Flow_ResultConfirmed\" name=\"核实无误\" sourceRef=\"Gateway_ResultVerified\" targetRef=\"" + NEW_STEP + "\">");
    String step = "<bpmn:userTask id=\"" + NEW_STEP + "\" name=\"现场复核\" camunda:formRef=\"matter-onsite-review\" "
        + "camunda:formRefBinding=\"latest\" camunda:candidateGroups=\"${supervisorsGroup}\">"
        + "<bpmn:documentation>镇督办组到现场复核办理结果。</bpmn:documentation>"
        + "<bpmn:incoming>Flow_ResultConfirmed</bpmn:incoming><bpmn:outgoing>Flow_ReviewOnSiteToHandlingDone</bpmn:outgoing>"
        + "</bpmn:userTask>\n      <bpmn:sequenceFlow id=\"Flow_ReviewOnSiteToHandlingDone\" sourceRef=\"" + NEW_STEP
        + "\" targetRef=\"EndEvent_HandlingDone\" />\n      ";
    bpmn = replaceOnce(bpmn, "<bpmn:endEvent id=\"EndEvent_HandlingDone\" name=\"办理完成\">\n        <bpmn:incoming>Flow_ResultConfirmed</bpmn:incoming>",
        step + "<bpmn:endEvent id=\"EndEvent_HandlingDone\" name=\"办理完成\">\n        <bpmn:incoming>Flow_ReviewOnSiteToHandlingDone</bpmn:incoming>");
    return bpmn.getBytes(StandardCharsets.UTF_8);
  }

  /** matter-time-limits.dmn with 10 working days for a village item instead of 5. */
  static byte[] changedTimeLimits() throws Exception {
    String dmn = Files.readString(Path.of("processes/matter-time-limits.dmn"));
    int rule = dmn.indexOf("<rule id=\"Rule_Village\">");
    int days = dmn.indexOf("<text>5</text>", rule);
    assertThat(rule).isPositive();
    assertThat(days).isBetween(rule, dmn.indexOf("</rule>", rule));
    return (dmn.substring(0, days) + "<text>10</text>" + dmn.substring(days + "<text>5</text>".length()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** matter-verify.form with one more (optional) field: where the result was verified. */
  static byte[] changedVerifyForm() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode form =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("forms/matter-verify.form")));
    com.fasterxml.jackson.databind.node.ObjectNode place = JSON.createObjectNode();
    place.put("label", "核实地点").put("type", "textfield").put("id", "Field_VerificationPlace").put("key", "verificationPlace");
    place.putObject("validate").put("maxLength", 100);
    ((com.fasterxml.jackson.databind.node.ArrayNode) form.path("components")).add(place);
    return JSON.writeValueAsBytes(form);
  }

  // --- the service's REST doors ------------------------------------------------------------------

  HttpResponse<String> send(String user, String method, String path, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + TestOrganisation.password(user)).getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String user, String path, Object json) throws Exception {
    return send(user, "POST", path, "application/json", JSON.writeValueAsBytes(json));
  }

  /** POST /engine-rest/deployment/create, multipart, as the Modeler's "Deploy" does it. */
  HttpResponse<String> deploy(String user, Map<String, byte[]> files) throws Exception {
    String boundary = "----shuoshi" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", DEPLOYMENT);
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    for (var f : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
          + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (var f : files.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"; filename=\""
          + f.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(f.getValue());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(user, "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary,
        body.toByteArray());
  }

  // --- the scenario ------------------------------------------------------------------------------

  ProcessInstance classifiedAtTheVillage(String title) {
    Map<String, Object> form = Forms.register(VILLAGE);
    form.put(MatterProcess.Vars.TITLE, title);
    ProcessInstance item = steps.register(CADRE, form);
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    return item;
  }

  ProcessDefinition unitHandlingOf(ProcessInstance item) {
    return repository.getProcessDefinition(items.unit(item).getProcessDefinitionId());
  }

  /** Handled, verified, (on the new version: reviewed on site), fed back and rated: the item ends. */
  void workToEnd(ProcessInstance item, boolean newStep) {
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    // The changed verification form (formRefBinding latest): its new field, for old and new versions alike.
    Map<String, Object> verified = Forms.verified("CONFIRMED", null);
    verified.put("verificationPlace", "村委会");
    steps.complete(SECOND_CADRE, item, VERIFY_RESULT, verified);
    if (newStep) {
      assertThat(ledger.findByProcessInstance(item.getId()).orElseThrow().state()).isEqualTo(MatterState.VERIFYING);
      assertThat(items.unitVariable(item, "verificationPlace")).isEqualTo("村委会");
      steps.complete(TOWN_SUPERVISOR, item, NEW_STEP, Map.of("onSiteNote", "到现场看过，已修好。"));
    }
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(steps.number(item)).count()).isZero();
    assertThat(ledger.findByProcessInstance(item.getId()).orElseThrow().state()).isEqualTo(MatterState.CLOSED);
    assertThat(history.createHistoricActivityInstanceQuery().processDefinitionId(
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(steps.number(item))
            .processDefinitionKey(MatterProcess.UNIT_HANDLING).singleResult().getProcessDefinitionId())
        .activityId(NEW_STEP).count() > 0 || !newStep).isTrue();
  }

  @Test
  void newItemsTakeTheChangedModelRunningOnesFinishOnTheirVersionOrAreMigratedByAnAdministrator() throws Exception {
    ProcessInstance staysOld = classifiedAtTheVillage("旧版本上办完的事项");
    ProcessInstance migrated = classifiedAtTheVillage("由管理员迁移到新版本的事项");
    ProcessDefinition before = unitHandlingOf(staysOld);
    java.util.Date oldDue = steps.task(staysOld, HANDLE_MATTER).getDueDate();

    // A designer deploys the changed model, its new form and the changed deadline rule.
    HttpResponse<String> deployed = deploy(designer, Map.of("unit-handling.bpmn", changedUnitHandling(),
        "matter-time-limits.dmn", changedTimeLimits(),
        "matter-verify.form", changedVerifyForm(),
        "matter-onsite-review.form", Files.readAllBytes(Path.of("src/test/resources/model-change/matter-onsite-review.form"))));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    deploymentId = JSON.readTree(deployed.body()).path("id").asText();
    ProcessDefinition after = repository.createProcessDefinitionQuery().processDefinitionKey(MatterProcess.UNIT_HANDLING)
        .latestVersion().singleResult();
    assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
    assertThat(after.getDeploymentId()).isEqualTo(deploymentId);

    // New items take the new version, with the new deadline rule.
    ProcessInstance fresh = classifiedAtTheVillage("新版本上登记的事项");
    assertThat(unitHandlingOf(fresh).getId()).isEqualTo(after.getId());
    assertThat(steps.task(fresh, HANDLE_MATTER).getDueDate()).as("10 working days instead of 5").isAfter(oldDue);
    assertThat(unitHandlingOf(staysOld).getId()).isEqualTo(before.getId());

    // A cadre may not migrate: refused, nothing changed.
    String unitOfMigrated = items.unit(migrated).getId();
    Map<String, Object> planRequest = Map.of("sourceProcessDefinitionId", before.getId(),
        "targetProcessDefinitionId", after.getId(), "updateEventTriggers", true);
    HttpResponse<String> cadrePlan = post(CADRE, "/engine-rest/migration/generate", planRequest);
    assertThat(cadrePlan.statusCode()).as(cadrePlan.body()).isEqualTo(403);
    HttpResponse<String> adminPlan = post(admin, "/engine-rest/migration/generate", planRequest);
    assertThat(adminPlan.statusCode()).as(adminPlan.body()).isEqualTo(200);
    JsonNode plan = JSON.readTree(adminPlan.body());
    // Even with an administrator's plan in hand, the cadre cannot execute it.
    Map<String, Object> execution = Map.of("migrationPlan", plan, "processInstanceIds", List.of(unitOfMigrated),
        "skipCustomListeners", false, "skipIoMappings", false);
    HttpResponse<String> refused = post(CADRE, "/engine-rest/migration/execute", execution);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("只有系统管理员可以");
    assertThat(unitHandlingOf(migrated).getId()).isEqualTo(before.getId());
    assertThat(steps.task(migrated, HANDLE_MATTER).getProcessDefinitionId()).isEqualTo(before.getId());

    // The administrator validates the plan (every activity maps to its namesake) and migrates.
    HttpResponse<String> validated = post(admin, "/engine-rest/migration/validate", plan);
    assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
    assertThat(JSON.readTree(validated.body()).path("instructionReports")).isEmpty();
    HttpResponse<String> done = post(admin, "/engine-rest/migration/execute", Map.of(
        "migrationPlan", plan, "processInstanceIds", List.of(unitOfMigrated),
        "skipCustomListeners", false, "skipIoMappings", false));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(unitHandlingOf(migrated).getId()).isEqualTo(after.getId());
    var task = steps.task(migrated, HANDLE_MATTER);
    assertThat(task.getProcessDefinitionId()).isEqualTo(after.getId());
    assertThat(task.getAssignee()).as("the task keeps its cadre").isEqualTo(CADRE);
    assertThat(items.timer(migrated, "BoundaryEvent_HandleOverdue").getProcessDefinitionId()).isEqualTo(after.getId());

    // Each runs to its end: the old one without the new step, the migrated and the new one with it.
    workToEnd(staysOld, false);
    workToEnd(migrated, true);
    workToEnd(fresh, true);
  }
}
