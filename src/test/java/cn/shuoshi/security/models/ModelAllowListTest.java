package cn.shuoshi.security.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.security.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A designer deploys models through the engine REST API as the Camunda Modeler does; a model may use
 * only what the service offers (security.models.ModelAllowList). A model that would run code — an
 * expression reaching a Spring bean, a script, a Java class, a connector — is refused as a whole with
 * a Chinese answer naming the file, the element and what is not allowed, and nothing is deployed.
 */
@ShuoshiTest
class ModelAllowListTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired ModelAllowList allowList;
  @Autowired ModelOffer offer;
  final ObjectMapper json = new ObjectMapper();

  String designer;

  @BeforeEach
  void designer() {
    designer = "designer_" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(designer);
    user.setPassword(TestOrganisation.password(designer));
    user.setFirstName("设计员");
    user.setLastName("");
    identity.saveUser(user);
    identity.createMembership(designer, Grants.DESIGNERS);
  }

  @AfterEach
  void removeDesigner() {
    identity.deleteUser(designer);
  }

  // --- the models --------------------------------------------------------------------------------

  /** A complete, executable process around one element {@code Task_Under_Test}, the way the Modeler saves it. */
  static String process(String key, String element) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        id="Definitions_%1$s" targetNamespace="http://shuoshi.cn/bpmn">
          <bpmn:process id="%1$s" name="测试流程" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_%1$s" />
            <bpmn:sequenceFlow id="Flow_In" sourceRef="StartEvent_%1$s" targetRef="Task_Under_Test" />
            %2$s
            <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Under_Test" targetRef="EndEvent_%1$s" />
            <bpmn:endEvent id="EndEvent_%1$s" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, element);
  }

  static String decision(String key, String inputExpression, String outputEntry) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" \
        xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_%1$s" name="测试决策" namespace="http://shuoshi.cn/dmn">
          <decision id="%1$s" name="测试决策" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_%1$s">
              <input id="Input_1">%2$s</input>
              <output id="Output_1" name="result" typeRef="string" />
              <rule id="Rule_1">
                <inputEntry id="InputEntry_1"><text></text></inputEntry>
                <outputEntry id="OutputEntry_1"><text>%3$s</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, inputExpression, outputEntry);
  }

  static final String FEEL_INPUT = "<inputExpression id=\"InputExpression_1\" typeRef=\"string\"><text>villageCode</text></inputExpression>";

  static Map<String, byte[]> files(Object... nameAndContent) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < nameAndContent.length; i += 2) {
      Object content = nameAndContent[i + 1];
      files.put((String) nameAndContent[i],
          content instanceof byte[] bytes ? bytes : ((String) content).getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  // --- the designer's REST call ------------------------------------------------------------------

  ResponseEntity<String> deploy(String user, String deploymentName, Map<String, byte[]> files) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", deploymentName);
    body.add("deployment-source", "Camunda Modeler");
    files.forEach((name, content) -> {
      HttpHeaders part = new HttpHeaders();
      part.setContentType(MediaType.APPLICATION_OCTET_STREAM);
      body.add(name, new HttpEntity<>(new ByteArrayResource(content) {
        @Override
        public String getFilename() {
          return name;
        }
      }, part));
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth(user, TestOrganisation.password(user));
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  /** Deploys as the designer, expects the refusal, and checks that the engine holds nothing new. */
  JsonNode refused(String deploymentName, Map<String, byte[]> files, String... named) throws Exception {
    long deployments = repository.createDeploymentQuery().count();
    long processes = repository.createProcessDefinitionQuery().count();
    long decisions = repository.createDecisionDefinitionQuery().count();

    ResponseEntity<String> response = deploy(designer, deploymentName, files);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    JsonNode answer = json.readTree(response.getBody());
    assertThat(answer.path("type").asText()).isEqualTo("ModelNotAllowed");
    String message = answer.path("message").asText();
    assertThat(message).startsWith("部署被拒绝，未部署任何内容").contains(named);
    // Chinese for the designer: no Java class, package or stack trace.
    assertThat(message).doesNotContain("Exception", "org.camunda", "java.lang", "\tat ");
    assertThat(answer.path("problems").isArray()).isTrue();
    assertThat(answer.path("problems")).isNotEmpty();

    assertThat(repository.createDeploymentQuery().deploymentName(deploymentName).count()).isZero();
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(processes);
    assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisions);
    return answer;
  }

  // --- the attack the allow-list is for ------------------------------------------------------------

  @Test
  void aModelThatWouldMakeItsDesignerAnAdministratorIsRefusedAndNothingIsDeployed() throws Exception {
    String model = process("makeMeAdmin", """
        <bpmn:serviceTask id="Task_Under_Test" name="加入管理员组" \
        camunda:expression="${identityService.createMembership(authenticatedUserId, 'camunda-admin')}" />""");

    JsonNode answer = refused("make-me-admin", files("make-me-admin.bpmn", model),
        "make-me-admin.bpmn", "Task_Under_Test", "camunda:expression", "identityService");

    // What is not allowed, not the expression's text.
    assertThat(answer.path("message").asText()).doesNotContain("${", "camunda-admin", "authenticatedUserId");
    JsonNode problem = answer.path("problems").get(0);
    assertThat(problem.path("resource").asText()).isEqualTo("make-me-admin.bpmn");
    assertThat(problem.path("element").asText()).isEqualTo("Task_Under_Test");
    assertThat(problem.path("problem").asText()).contains("不能使用服务内部对象“identityService”");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("makeMeAdmin").count()).isZero();
    assertThat(identity.createUserQuery().userId(designer).memberOfGroup(Grants.ADMINS).count()).isZero();
    // The same expression hidden in a listener of the process, as deferred #{…}, is found there too.
    String listener = process("makeMeAdminLater", "<bpmn:task id=\"Task_Under_Test\" />").replace(
        "camunda:historyTimeToLive=\"P1D\">",
        "camunda:historyTimeToLive=\"P1D\"><bpmn:extensionElements><camunda:executionListener event=\"end\" "
            + "expression=\"#{identityService.createMembership(authenticatedUserId, 'camunda-admin')}\" />"
            + "</bpmn:extensionElements>");
    refused("make-me-admin-later", files("later.bpmn", listener), "later.bpmn", "makeMeAdminLater", "identityService");
    assertThat(identity.createUserQuery().userId(designer).memberOfGroup(Grants.ADMINS).count()).isZero();
  }

  static Stream<Arguments> modelsThatRunCode() {
    return Stream.of(
        Arguments.of("a script task", files("script.bpmn", process("scriptTask", """
            <bpmn:scriptTask id="Task_Under_Test" scriptFormat="javascript">
              <bpmn:script>java.lang.Runtime.getRuntime().exec('id')</bpmn:script>
            </bpmn:scriptTask>""")), List.of("script.bpmn", "Task_Under_Test", "脚本任务")),
        Arguments.of("a Java class", files("class.bpmn", process("javaClass",
            "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:class=\"org.example.Backdoor\" />")),
            List.of("class.bpmn", "Task_Under_Test", "camunda:class")),
        Arguments.of("a bean the service does not offer as delegate", files("bean.bpmn", process("otherBean",
            "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:delegateExpression=\"${organisationImporter}\" />")),
            List.of("bean.bpmn", "Task_Under_Test", "“organisationImporter”不是服务提供的委托")),
        Arguments.of("an engine service called from an expression", files("service.bpmn", process("engineService",
            "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:expression=\"${runtimeService.startProcessInstanceByKey('matter')}\" />")),
            List.of("service.bpmn", "Task_Under_Test", "runtimeService")),
        Arguments.of("a method call on a variable", files("method.bpmn", process("variableMethod",
            "<bpmn:userTask id=\"Task_Under_Test\" camunda:candidateGroups=\"${villageCode.concat('_committee')}\" />")),
            List.of("method.bpmn", "Task_Under_Test", "camunda:candidateGroups", "不允许调用方法“concat”")),
        Arguments.of("a method of org not offered to models", files("org.bpmn", process("orgMethod",
            "<bpmn:userTask id=\"Task_Under_Test\" camunda:assignee=\"${org.cadreName(responsibleCadre)}\" />")),
            List.of("org.bpmn", "Task_Under_Test", "“org”的方法“cadreName”未开放给模型", "villageCommittee")),
        Arguments.of("a delegate called as an expression", files("delegate.bpmn", process("delegateCall",
            "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:expression=\"${registerMatter.execute(execution)}\" />")),
            List.of("delegate.bpmn", "Task_Under_Test", "registerMatter", "execution")),
        Arguments.of("the task object", files("task.bpmn", process("taskObject", """
            <bpmn:userTask id="Task_Under_Test"><bpmn:extensionElements>
              <camunda:taskListener event="create" expression="${task.setAssignee('demo')}" />
            </bpmn:extensionElements></bpmn:userTask>""")), List.of("task.bpmn", "Task_Under_Test", "“task”")),
        Arguments.of("a class through a bracket", files("bracket.bpmn", process("bracketClass",
            "<bpmn:userTask id=\"Task_Under_Test\" camunda:assignee=\"${title['class']}\" />")),
            List.of("bracket.bpmn", "不允许访问属性“class”")),
        Arguments.of("a Spin function", files("spin.bpmn", process("spinFunction",
            "<bpmn:userTask id=\"Task_Under_Test\" camunda:assignee=\"${S(payload).prop('user').stringValue()}\" />")),
            List.of("spin.bpmn", "不允许函数“S”")),
        Arguments.of("an external task", files("external.bpmn", process("externalTask",
            "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:type=\"external\" camunda:topic=\"anything\" />")),
            List.of("external.bpmn", "camunda:type", "外部任务")),
        Arguments.of("a shell task", files("shell.bpmn", process("shellTask",
            "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:type=\"shell\" />")),
            List.of("shell.bpmn", "shell")),
        Arguments.of("a connector", files("connector.bpmn", process("connectorTask", """
            <bpmn:serviceTask id="Task_Under_Test"><bpmn:extensionElements>
              <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
            </bpmn:extensionElements></bpmn:serviceTask>""")), List.of("connector.bpmn", "连接器")),
        Arguments.of("a script in an input parameter", files("io.bpmn", process("ioScript", """
            <bpmn:task id="Task_Under_Test"><bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="x"><camunda:script scriptFormat="groovy">'id'.execute()</camunda:script></camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:task>""")), List.of("io.bpmn", "camunda:script")),
        Arguments.of("a listener class", files("listener.bpmn", process("listenerClass", """
            <bpmn:task id="Task_Under_Test"><bpmn:extensionElements>
              <camunda:executionListener class="org.example.Backdoor" event="start" />
            </bpmn:extensionElements></bpmn:task>""")), List.of("listener.bpmn", "Task_Under_Test", "class")),
        Arguments.of("a script condition", files("condition.bpmn", process("scriptCondition",
            "<bpmn:task id=\"Task_Under_Test\" />").replace("targetRef=\"EndEvent_scriptCondition\" />",
            "targetRef=\"EndEvent_scriptCondition\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" "
                + "language=\"javascript\">true</bpmn:conditionExpression></bpmn:sequenceFlow>")),
            List.of("condition.bpmn", "Flow_Out", "language")),
        Arguments.of("a DOCTYPE", files("doctype.bpmn", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"${a}\">]>"
            + process("doctype", "<bpmn:task id=\"Task_Under_Test\" />").substring(38)),
            List.of("doctype.bpmn", "DOCTYPE")),
        Arguments.of("a DMN with JUEL", files("juel.dmn", decision("juelDecision",
            "<inputExpression id=\"InputExpression_1\" typeRef=\"string\" expressionLanguage=\"juel\">"
                + "<text>${identityService.createMembership(authenticatedUserId, 'camunda-admin')}</text></inputExpression>",
            "\"ok\"")), List.of("juel.dmn", "InputExpression_1", "FEEL", "“juel”", "JUEL")),
        Arguments.of("a DMN with a script", files("script.dmn", decision("scriptDecision", FEEL_INPUT, "\"ok\"")
            .replace("<outputEntry id=\"OutputEntry_1\">", "<outputEntry id=\"OutputEntry_1\" expressionLanguage=\"javascript\">")),
            List.of("script.dmn", "OutputEntry_1", "“javascript”")),
        Arguments.of("a DMN with an external FEEL function", files("external.dmn", decision("externalDecision", FEEL_INPUT,
            "function(x) external {java: {class: \"java.lang.System\", method signature: \"exit(int)\"}}")),
            List.of("external.dmn", "OutputEntry_1", "external")),
        Arguments.of("a CMMN case", files("case.cmmn", "<definitions/>"), List.of("case.cmmn", "不允许部署此类文件")),
        Arguments.of("a script file", files("run.groovy", "'id'.execute()"), List.of("run.groovy", "不允许部署此类文件")),
        Arguments.of("an HTML form", files("form.html", "<script>alert(1)</script>"), List.of("form.html", "不允许部署此类文件")),
        Arguments.of("an SVG with a script", files("diagram.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>"),
            List.of("diagram.svg", "脚本")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelsThatRunCode")
  void aModelThatRunsCodeIsRefused(String what, Map<String, byte[]> files, List<String> named) throws Exception {
    refused("refused-" + UUID.randomUUID(), files, named.toArray(String[]::new));
  }

  @Test
  void oneRefusedFileRefusesTheWholeDeployment() throws Exception {
    String good = process("goodNeighbour", "<bpmn:task id=\"Task_Under_Test\" />");
    String bad = process("badNeighbour",
        "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:expression=\"${dataSource.connection}\" />");
    JsonNode answer = refused("neighbours", files("good.bpmn", good, "bad.bpmn", bad), "bad.bpmn", "dataSource");
    assertThat(answer.path("message").asText()).doesNotContain("good.bpmn");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("goodNeighbour").count()).isZero();
  }

  @Test
  void theJavaApiRefusesItTooWhoeverCalls() {
    String model = process("javaApi", "<bpmn:serviceTask id=\"Task_Under_Test\" camunda:class=\"org.example.Backdoor\" />");
    long deployments = repository.createDeploymentQuery().count();
    assertThatThrownBy(() -> repository.createDeployment().name("java-api").addString("java-api.bpmn", model).deploy())
        .isInstanceOfSatisfying(ModelNotAllowedException.class, e -> assertThat(e.getProblems())
            .singleElement().satisfies(p -> {
              assertThat(p.resource()).isEqualTo("java-api.bpmn");
              assertThat(p.element()).isEqualTo("Task_Under_Test");
              assertThat(p.problem()).contains("camunda:class");
            }));
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  // --- what designers can still do -----------------------------------------------------------------

  @Test
  void aHarmlessChangeOfOneOfTheServicesModelsDeploys() throws Exception {
    String original = new String(new ClassPathResource("processes/four-deliberations.bpmn").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    String renamed = original.replace("name=\"村党支部提议\"", "name=\"村党支部提出议题\"");
    assertThat(renamed).isNotEqualTo(original);

    ResponseEntity<String> response = deploy(designer, "four-deliberations-renamed", files("four-deliberations.bpmn", renamed));

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    String deploymentId = json.readTree(response.getBody()).path("id").asText();
    try {
      ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey("fourDeliberations")
          .latestVersion().singleResult();
      assertThat(latest.getDeploymentId()).isEqualTo(deploymentId);
      UserTask proposal = repository.getBpmnModelInstance(latest.getId()).getModelElementById("UserTask_BranchProposal");
      assertThat(proposal.getName()).isEqualTo("村党支部提出议题");
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void aNewModelUsingWhatTheServiceOffersDeploys() throws Exception {
    String model = process("offered", """
        <bpmn:userTask id="Task_Under_Test" name="${title}（${villageCode}）" \
        camunda:candidateGroups="${org.villageCommittee(villageCode)},${org.townGroup(villageCode, 'STATION')}" \
        camunda:assignee="${empty responsibleCadre ? authenticatedUserId : responsibleCadre}" \
        camunda:dueDate="${deadline}" camunda:followUpDate="${now()}" camunda:formRef="matter-handle" camunda:formRefBinding="latest">
          <bpmn:extensionElements>
            <camunda:inputOutput>
              <camunda:inputParameter name="number">#{execution.processBusinessKey}</camunda:inputParameter>
              <camunda:inputParameter name="checks"><camunda:list><camunda:value>${checklist[0].name}</camunda:value></camunda:list></camunda:inputParameter>
            </camunda:inputOutput>
            <camunda:taskListener event="complete" delegateExpression="${recordReturn}" />
          </bpmn:extensionElements>
        </bpmn:userTask>""").replace("targetRef=\"EndEvent_offered\" />", "targetRef=\"EndEvent_offered\">"
        + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${not empty villageCodes and closeOut.isToday() "
        + "and count gt 2 and currentUser() != null}</bpmn:conditionExpression></bpmn:sequenceFlow>");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\" fill=\"#cce\" /></svg>";
    String form = "{\"id\":\"offered-form\",\"type\":\"default\",\"components\":[]}";

    ResponseEntity<String> response = deploy(designer, "offered", files("offered.bpmn", model,
        "offered.dmn", decision("offeredDecision", FEEL_INPUT, "\"ok\""), "offered.form", form,
        "picture.png", png, "picture.svg", svg));

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    String deploymentId = json.readTree(response.getBody()).path("id").asText();
    try {
      assertThat(repository.createProcessDefinitionQuery().deploymentId(deploymentId).processDefinitionKey("offered")
          .count()).isEqualTo(1);
      assertThat(repository.createDecisionDefinitionQuery().deploymentId(deploymentId).count()).isEqualTo(1);
      assertThat(repository.getDeploymentResourceNames(deploymentId)).contains("offered.form", "picture.png", "picture.svg");
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void theServicesOwnModelsAndFormsPass() throws Exception {
    List<String> checked = new ArrayList<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> resources = new ArrayList<>();
    // The same patterns as camunda.bpm.deployment-resource-pattern in application.yaml.
    for (String pattern : List.of("classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form")) {
      resources.addAll(List.of(resolver.getResources(pattern)));
    }
    for (Resource resource : resources) {
      assertThat(allowList.check(resource.getFilename(), resource.getInputStream().readAllBytes()))
          .as(resource.getFilename()).isEmpty();
      checked.add(resource.getFilename());
    }
    assertThat(checked).contains("matter.bpmn", "unit-handling.bpmn", "town-handling.bpmn", "county-handling.bpmn",
        "four-deliberations.bpmn", "speaking-day.bpmn", "monthly-close-out.bpmn", "matter-routing.dmn",
        "matter-time-limits.dmn", "matter-register.form").hasSize(9 + 20);
    // They were deployed at start through the same check (a fresh database deploys them all).
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("matter").count()).isPositive();
  }

  @Test
  void theOfferIsReadFromTheServicesBeans() {
    assertThat(offer.functions()).containsOnlyKeys("org", "closeOut", "ratingWait");
    assertThat(offer.functions().get("ratingWait")).containsExactly("duration");
    assertThat(offer.functions().get("org")).containsExactlyInAnyOrder("villageCommittee", "villageSecretary",
        "townSupervisors", "townGroup", "townPartyCommittee", "countyCentre", "departmentGroup", "supervisorsOf",
        "group", "groups", "atVillage");
    assertThat(offer.functions().get("closeOut")).containsExactly("isToday");
    assertThat(offer.delegates()).contains("registerMatter", "scheduleDeadline", "closeOutFinishedItems",
        "findSpeakingDayVillages").doesNotContain("org", "closeOut", "organisationImporter", "identityService",
        "processEngine");
    assertThat(offer.isBean("identityService")).isTrue();
  }
}
