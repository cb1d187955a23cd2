package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.townhandling.TownHandlingProcess;
import cn.shuoshi.unithandling.UnitHandlingProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a designer changes in Camunda Modeler is what happens: who gets a task is the candidate-group
 * expression on the task, where an item is handled is the routing decision's rule — no Java decides it
 * a second time. Each scenario deploys the shipped model with one edit, as a designer would, sees the
 * next item follow the edit, and removes the edited version again.
 */
@ShuoshiTest
class TheModelDecidesTest {

  static final String VILLAGE = "LS07";
  static final String CADRE = "ls07_ganbu1";

  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired MatterSteps steps;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void aCandidateGroupChangedInTheModelAloneChangesWhoGetsTheTask() throws Exception {
    String shipped = Files.readString(Path.of("processes", "matter.bpmn"), StandardCharsets.UTF_8);
    String edited = shipped.replace(
        "camunda:assignee=\"${responsibleCadre}\" camunda:dueDate=\"${classifyDueDate}\" "
            + "camunda:candidateGroups=\"${org.group(villageCode, deskRole)}\"",
        "camunda:assignee=\"${responsibleCadre}\" camunda:dueDate=\"${classifyDueDate}\" "
            + "camunda:candidateGroups=\"${org.group(villageCode, 'SECRETARY')}\"");
    assertThat(edited).as("the classification's candidate groups as shipped").isNotEqualTo(shipped);

    String deployment = deploy("matter.bpmn", edited);
    try {
      ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
      assertThat(candidateGroups(steps.task(item, CLASSIFY_MATTER))).containsExactly("LS07_secretary");
    } finally {
      repository.deleteDeployment(deployment, true);
    }

    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    assertThat(candidateGroups(steps.task(item, CLASSIFY_MATTER))).containsExactly("LS07_committee");
  }

  @Test
  void aRoutingRuleChangedInTheDecisionAloneSendsTheItemElsewhere() throws Exception {
    String shipped = Files.readString(Path.of("processes", "matter-routing.dmn"), StandardCharsets.UTF_8);
    String rule = shipped.substring(shipped.indexOf("<rule id=\"Rule_Village\">"));
    rule = rule.substring(0, rule.indexOf("</rule>"));
    String edited = shipped.replace(rule, rule.replace("<text>\"VILLAGE\"</text>", "<text>\"TOWN\"</text>")
        .replace("<text>\"COMMITTEE\"</text>", "<text>\"STATION\"</text>"));
    assertThat(edited).as("the village rule as shipped").isNotEqualTo(shipped);

    String deployment = deploy("matter-routing.dmn", edited);
    try {
      ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
      steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
      Task signFor = steps.task(item, TownHandlingProcess.TOWN_SIGN_FOR);
      assertThat(candidateGroups(signFor)).containsExactly("LS_station");
    } finally {
      repository.deleteDeployment(deployment, true);
    }

    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    assertThat(steps.task(item, UnitHandlingProcess.HANDLE_MATTER).getAssignee()).isEqualTo(CADRE);
  }

  @Test
  void whatAStepDoesIsDeclaredOnItsElement() throws Exception {
    String shipped = Files.readString(Path.of("processes", "matter.bpmn"), StandardCharsets.UTF_8);
    String classify = shipped.substring(shipped.indexOf("<bpmn:userTask id=\"UserTask_ClassifyMatter\""));
    classify = classify.substring(0, classify.indexOf("</bpmn:userTask>"));
    String edited = shipped.replace(classify, classify
        .replace("<camunda:property name=\"taskTitle\" value=\"${matterNumber} ${title}（${villageName}）\" />",
            "<camunda:property name=\"taskTitle\" value=\"${villageName}：${title}\" />")
        .replace("<camunda:property name=\"ledgerState\" value=\"CLASSIFYING\" />", ""));
    assertThat(edited).as("the classification's properties as shipped").isNotEqualTo(shipped);

    String deployment = deploy("matter.bpmn", edited);
    try {
      ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
      Task classifying = steps.task(item, CLASSIFY_MATTER);
      assertThat(classifying.getName()).isEqualTo("分类交办 · 白水村：" + Forms.register(VILLAGE).get("title"));
      // Without its ledgerState the ledger does not learn the classification's due date (the response rate's).
      assertThat(jdbc.queryForObject("select classify_due_at from matter where process_instance_id = ?",
          java.sql.Timestamp.class, item.getId())).isNull();
    } finally {
      repository.deleteDeployment(deployment, true);
    }

    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    assertThat(steps.task(item, CLASSIFY_MATTER).getName()).startsWith("分类交办 · LS07-");
    assertThat(jdbc.queryForObject("select classify_due_at from matter where process_instance_id = ?",
        java.sql.Timestamp.class, item.getId())).isNotNull();
  }

  @Test
  void aStepPropertyTheServiceDoesNotKnowIsRefusedAtDeployment() throws Exception {
    String shipped = Files.readString(Path.of("processes", "matter.bpmn"), StandardCharsets.UTF_8);
    String edited = shipped.replace("<camunda:property name=\"ledgerState\" value=\"CLASSIFYING\" />",
        "<camunda:property name=\"ledgerStat\" value=\"CLASSIFYING\" />");
    long before = repository.createProcessDefinitionQuery().processDefinitionKey("matter").count();

    // Refused by the model allow-list before anything is parsed: a designer's REST deployment gets 400
    // with this reason (ModelAllowListTest shows the answer for every refusal).
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> deploy("matter.bpmn", edited))
        .isInstanceOf(cn.shuoshi.security.models.ModelNotAllowedException.class)
        .hasMessageContaining("不认识的扩展属性“ledgerStat”");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("matter").count()).isEqualTo(before);

    String wrongState = shipped.replace("<camunda:property name=\"ledgerState\" value=\"CLASSIFYING\" />",
        "<camunda:property name=\"ledgerState\" value=\"SORTING\" />");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> deploy("matter.bpmn", wrongState))
        .isInstanceOf(cn.shuoshi.security.models.ModelNotAllowedException.class)
        .hasMessageContaining("台账状态“SORTING”不存在");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("matter").count()).isEqualTo(before);
  }

  String deploy(String resource, String text) {
    return repository.createDeployment().name("designer's edit of " + resource).addString(resource, text)
        .deploy().getId();
  }

  java.util.List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(group -> group != null).toList();
  }
}
