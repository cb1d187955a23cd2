package cn.shuoshi.matter;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import static cn.shuoshi.countyhandling.CountyHandlingProcess.*;
import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.townhandling.TownHandlingProcess.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;


/** An item the village cannot solve climbs to the town and the county and comes back down solved. */
@ShuoshiTest
class EscalationTest {

  @Autowired LedgerReads ledgerReads;

  @Autowired
  JdbcTemplate jdbc;

  static final String CADRE = "ls08_ganbu1";
  static final String STATION = "ls_zhan";
  static final String CENTRE = "yl_zhongxin";

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired LedgerRepository ledger;
  @Autowired TaskService tasks;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  LedgerEntry ledgerOf(ProcessInstance item) {
    return ledger.findByNumber(steps.number(item)).orElseThrow();
  }

  ProcessInstance classified(String handlingList, String type, String subject) {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS08"));
    Map<String, Object> classification = Forms.classify(handlingList, CADRE);
    classification.put(MATTER_TYPE, type);
    classification.put(SUBJECT, subject);
    steps.complete(CADRE, item, CLASSIFY_MATTER, classification);
    return item;
  }

  void fedBackAndRated(ProcessInstance item, String satisfaction) {
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete("ls08_shuji", item, REVIEW_SATISFACTION,
        Forms.rated(satisfaction, "DISSATISFIED".equals(satisfaction) ? "路灯修了又坏。" : null));
  }

  @Test
  void overdueVillageItemClimbsToTheCountyIsReturnedReroutedResolvedReHandledAndSatisfies() {
    ProcessInstance item = classified("VILLAGE", "PROBLEM", "INFRASTRUCTURE");

    // Overdue at the village: 督办 for the town supervisors; still unfinished after the grace.
    items.fire(item, HANDLE_OVERDUE_TIMER);
    steps.complete("ls_jiwei", item, SUPERVISE_OVERDUE,
        Map.of(SUPERVISION_MEASURE, "WRITTEN_ORDER", SUPERVISION_OPINION, "限期两日办结。"));
    items.fire(item, ESCALATION_TIMER);

    // Escalated to the town, flagged for public notice (通报).
    assertThat(items.instance(item, MatterProcess.TOWN_HANDLING)).isWaitingAt(TOWN_SIGN_FOR);
    assertThat(steps.task(item, TOWN_SIGN_FOR).getDueDate()).isNotNull();
    LedgerEntry atTown = ledgerOf(item);
    assertThat(atTown.handlingLevel()).isEqualTo("TOWN");
    assertThat(atTown.publicNotice()).isTrue();
    assertThat(atTown.state()).isEqualTo(MatterState.TOWN_SIGN_FOR);

    // The station passes it to the county; the centre transfers it to the wrong department.
    steps.complete(STATION, item, TOWN_SIGN_FOR, Forms.townDecides("PASS_TO_COUNTY"));
    assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING)).isWaitingAt(CENTRE_DISPATCH);
    assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING).getId()).isNotNull();
    steps.complete(CENTRE, item, CENTRE_DISPATCH, Forms.dispatch("YL_ROADS", List.of()));

    // 退单: the roads bureau returns it with a reason; it may not return it twice at this level.
    assertThat(steps.task(item, SIGN_FOR).getDueDate()).isNotNull();
    steps.complete("yl_jiaotong", item, SIGN_FOR, Forms.returned("村内供水管网属水利部门职责。"));
    assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING)).isWaitingAt(RULE_ON_RETURN);
    assertThat(ledgerOf(item).returnCount()).isEqualTo(1);

    // The centre re-routes it to the water bureau; the ruling binds: no sign-for, no return.
    steps.complete(CENTRE, item, RULE_ON_RETURN, Map.of(RETURN_RULING, "REROUTE", NEW_LEAD_DEPARTMENT, "YL_WATER",
        RULING_NOTE, "改由县水利局牵头办理。"));
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
    assertThat(steps.task(item, HANDLE_MATTER).getAssignee()).isNull();
    steps.complete("yl_shuili", item, HANDLE_MATTER, Forms.resolved());
    steps.complete("yl_shuili2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));

    // The result comes down to the village that owns the resident's feedback.
    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
    assertThat(steps.task(item, FEEDBACK_TO_RESIDENT).getAssignee()).isEqualTo(CADRE);
    fedBackAndRated(item, "DISSATISFIED");

    // Dissatisfied: back to the level that handled it, the county.
    assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING)).isWaitingAt(CENTRE_DISPATCH);
    steps.complete(CENTRE, item, CENTRE_DISPATCH, Forms.dispatch("YL_WATER", List.of()));
    steps.complete("yl_shuili", item, HANDLE_MATTER, Forms.resolved());
    steps.complete("yl_shuili2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    fedBackAndRated(item, "SATISFIED");

    assertThat(item).isEnded().hasPassed(END_RESOLVED);
    LedgerEntry closed = ledgerOf(item);
    assertThat(closed.state()).isEqualTo(MatterState.CLOSED);
    assertThat(closed.handlingLevel()).isEqualTo("COUNTY");
    assertThat(closed.escalationCount()).isEqualTo(2);
    assertThat(closed.returnCount()).isEqualTo(1);
    assertThat(closed.dissatisfiedCount()).isEqualTo(1);
    assertThat(closed.handledBy()).isEqualTo("yl_shuili");
    assertThat(ledgerReads.eventKinds(closed.matterNumber())).containsSubsequence(
        "OVERDUE", "PUBLIC_NOTICE", "ESCALATED", "PASSED_UP", "ESCALATED", "DISPATCHED", "RETURNED",
        "RULED", "LEVEL_DONE", "REOPENED", "DISPATCHED", "LEVEL_DONE", "CLOSED");
    // What each step decided is its own column: the ruling, the verifications, the rating.
    assertThat(jdbc.queryForList("select e.kind || '=' || e.decision from matter_event e join matter m "
        + "on m.id = e.matter_id where m.matter_number = ? and e.decision is not null order by e.id",
        String.class, closed.matterNumber())).containsSubsequence(
        "RULED=REROUTE", "UserTask_VerifyResult=CONFIRMED", "UserTask_ReviewSatisfaction=DISSATISFIED",
        "UserTask_VerifyResult=CONFIRMED", "UserTask_ReviewSatisfaction=SATISFIED");
  }

  @Test
  void aDepartmentOrderedToHandleCannotReturnTheItemAgain() {
    ProcessInstance item = classified("HIGHER_LEVEL", "REQUEST", "INFRASTRUCTURE");
    steps.complete(STATION, item, TOWN_SIGN_FOR, Forms.townDecides("PASS_TO_COUNTY"));
    steps.complete(CENTRE, item, CENTRE_DISPATCH, Forms.dispatch("YL_ROADS", List.of()));
    steps.complete("yl_jiaotong", item, SIGN_FOR, Forms.returned("不属于本局职责。"));
    steps.complete(CENTRE, item, RULE_ON_RETURN, Map.of(RETURN_RULING, "ORDER_HANDLE",
        RULING_NOTE, "村道属县交通运输局管养，责成办理。"));

    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
    steps.complete("yl_jiaotong", item, HANDLE_MATTER, Forms.resolved());
    steps.complete("yl_jiaotong2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
    assertThat(ledgerOf(item).returnCount()).isEqualTo(1);
  }

  @Test
  void aSecondReturnAtTheSameLevelIsRefused() {
    ProcessInstance item = classified("HIGHER_LEVEL", "REQUEST", "INFRASTRUCTURE");
    steps.complete(STATION, item, TOWN_SIGN_FOR, Forms.townDecides("PASS_TO_COUNTY"));
    steps.complete(CENTRE, item, CENTRE_DISPATCH, Forms.dispatch("YL_ROADS", List.of()));
    steps.complete("yl_jiaotong", item, SIGN_FOR, Forms.returned("不属于本局职责。"));
    steps.complete(CENTRE, item, RULE_ON_RETURN, Map.of(RETURN_RULING, "REROUTE", NEW_LEAD_DEPARTMENT, "YL_CIVIL",
        RULING_NOTE, "改由民政局办理。"));

    // Re-routed after a ruling: the new department neither signs for it again nor returns it.
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(steps.number(item))
        .taskDefinitionKey(HANDLE_MATTER).taskCandidateGroup("YL_CIVIL_department").count()).isEqualTo(1);
  }

  @Test
  void theTownStationHandlesAnItemItselfAndTheResultReturnsToTheVillage() {
    ProcessInstance item = classified("HIGHER_LEVEL", "REQUEST", "LIVELIHOOD");
    assertThat(ledgerOf(item).handlingLevel()).isEqualTo("TOWN");

    steps.complete(STATION, item, TOWN_SIGN_FOR, Forms.townDecides("HANDLE"));
    steps.complete(STATION, item, HANDLE_MATTER, Forms.resolved());
    // The station's cadre who handled it does not get its verification (it is hidden from them).
    assertThatThrownBy(() -> steps.complete(STATION, item, VERIFY_RESULT, Forms.verified("CONFIRMED", null)))
        .isInstanceOf(AuthorizationException.class);
    steps.complete("ls_zhan2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));

    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
    fedBackAndRated(item, "SATISFIED");
    assertThat(item).isEnded().hasPassed(END_RESOLVED);
    assertThat(ledgerOf(item).handledBy()).isEqualTo(STATION);
  }

  @Test
  void theTownPartyCommitteeDecidesAndTheStationCarriesItOut() {
    ProcessInstance item = classified("HIGHER_LEVEL", "PROBLEM", "DISPUTE");
    steps.complete(STATION, item, TOWN_SIGN_FOR, Forms.townDecides("PARTY_COMMITTEE"));

    assertThat(items.instance(item, MatterProcess.TOWN_HANDLING))
        .isWaitingAt(cn.shuoshi.townhandling.TownHandlingProcess.PARTY_COMMITTEE_DECISION);
    assertThat(ledgerOf(item).state()).isEqualTo(MatterState.PARTY_COMMITTEE);
    steps.complete("ls_dangwei", item, cn.shuoshi.townhandling.TownHandlingProcess.PARTY_COMMITTEE_DECISION,
        Map.of(cn.shuoshi.matter.MatterProcess.Vars.PARTY_COMMITTEE_DECISION, "HANDLE_AT_TOWN",
        PARTY_COMMITTEE_MEASURES, "由镇民情处理站会同司法所调解。"));
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
    steps.complete(STATION, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls_zhan2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
  }

  @Test
  void aComplaintAboutCadreConductGoesToTheTownDisciplineCommissionNeverToTheVillage() {
    ProcessInstance item = classified("VILLAGE", "PROBLEM", "CADRE_CONDUCT");

    assertThat(ledgerOf(item).handlingLevel()).isEqualTo("TOWN");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(steps.number(item))
        .taskDefinitionKey(TOWN_SIGN_FOR).taskCandidateGroup("LS_supervisor").count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(steps.number(item))
        .taskCandidateGroup("LS08_committee").count()).isZero();

    steps.complete("ls_jiwei", item, TOWN_SIGN_FOR, Forms.townDecides("HANDLE"));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(steps.number(item))
        .taskDefinitionKey(HANDLE_MATTER).taskCandidateGroup("LS_supervisor").count()).isEqualTo(1);
  }

  @Test
  void jointHandlingClosesOnlyWhenEveryCoHandlingDepartmentHasReported() {
    ProcessInstance item = classified("HIGHER_LEVEL", "PROBLEM", "LIVELIHOOD");
    steps.complete(STATION, item, TOWN_SIGN_FOR, Forms.townDecides("PASS_TO_COUNTY"));
    steps.complete(CENTRE, item, CENTRE_DISPATCH, Forms.dispatch("YL_WATER", List.of("YL_CIVIL", "YL_ROADS")));

    steps.complete("yl_shuili", item, SIGN_FOR, Forms.signFor());
    steps.complete("yl_shuili", item, HANDLE_MATTER, Forms.resolved());
    steps.complete("yl_shuili2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));

    // The lead is done, but the county is not until both co-handlers have reported.
    assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING)).isWaitingAt(CO_HANDLER_REPORT);
    steps.complete("yl_minzheng", item, CO_HANDLER_REPORT, Map.of(CO_REPORT, "已核实困难户救助情况。"));
    assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING)).isWaitingAt(CO_HANDLER_REPORT);
    steps.complete("yl_jiaotong", item, CO_HANDLER_REPORT, Map.of(CO_REPORT, "已协调施工车辆通行。"));

    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
  }
}
