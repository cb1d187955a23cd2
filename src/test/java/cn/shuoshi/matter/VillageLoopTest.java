package cn.shuoshi.matter;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.forms.RefusedAssignmentException;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerQuery;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;


/** One item through 说 → 问 → 办 → 评 at village level, to each of its three outcomes and back. */
@ShuoshiTest
class VillageLoopTest {

  // 上河村: ganbu1 registers and handles, ganbu2 verifies, the branch secretary records the rating.
  static final String VILLAGE = "LS01";
  static final String CADRE = "ls01_ganbu1";
  static final String SECOND_CADRE = "ls01_ganbu2";
  static final String SECRETARY = "ls01_shuji";
  static final String TOWN_SUPERVISOR = "ls_jiwei";

  @org.junit.jupiter.api.AfterEach
  void resetClock() {
    org.camunda.bpm.engine.impl.util.ClockUtil.reset();
  }

  @Autowired LedgerReads ledgerReads;

  @Autowired MatterSteps steps;
  @Autowired LedgerRepository ledger;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired Items items;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired org.camunda.bpm.engine.FormService forms;
  @Autowired FormSchemaRegistry schemas;

  ProcessInstance registeredAndClassified() {
    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    return item;
  }

  /**
   * What the handle form reads, as the Tasklist asks for it (form-variables, as the handler), limited to
   * the names the form's texts use — so the form itself must name them too.
   */
  Map<String, Object> handleFormShows(ProcessInstance item) {
    Task handle = steps.task(item, HANDLE_MATTER);
    Set<String> named = schemas.find("matter-handle").orElseThrow().dataKeys();
    identity.setAuthentication(CADRE, List.of("LS01_committee"));
    try {
      Map<String, Object> shown = new HashMap<>();
      forms.getTaskFormVariables(handle.getId()).forEach((name, value) -> {
        if (named.contains(name) && value != null) {
          shown.put(name, value);
        }
      });
      return shown;
    } finally {
      identity.clearAuthentication();
    }
  }

  void verifiedAndFedBack(ProcessInstance item) {
    steps.complete(SECOND_CADRE, item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
  }

  LedgerEntry ledgerOf(ProcessInstance item) {
    return ledger.findByProcessInstance(item.getId()).orElseThrow();
  }

  @Test
  void itemRaisedAtTheMeetingIsResolvedAndTheResidentIsSatisfied() {
    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));

    // 首访负责制: the cadre who took it is responsible and classifies it.
    assertThat(item).isWaitingAt(CLASSIFY_MATTER).task().isAssignedTo(CADRE);
    LedgerEntry registered = ledgerOf(item);
    assertThat(registered.matterNumber()).matches("LS01-\\d{4}-\\d{5}");
    assertThat(registered.state()).isEqualTo(MatterState.CLASSIFYING);
    assertThat(registered.reporterName()).isEqualTo("李桂兰");
    assertThat(registered.registeredBy()).isEqualTo(CADRE);
    assertThat(registered.responsibleCadre()).isEqualTo(CADRE);
    assertThat(runtime.getVariable(item.getId(), REPORTER_NAME))
        .as("personal data stays in the service's tables, not in process variables").isNull();
    Task classify = steps.task(item, CLASSIFY_MATTER);
    assertThat(classify.getName()).contains(registered.matterNumber()).contains("自来水压力不足").contains("上河村");

    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER).task().isAssignedTo(CADRE);
    Task handle = steps.task(item, HANDLE_MATTER);
    assertThat(handle.getDueDate()).isEqualTo(items.unitVariable(item, DEADLINE));
    assertThat(ledgerOf(item).state()).isEqualTo(MatterState.HANDLING);
    assertThat(ledgerOf(item).deadline()).isNotNull();

    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    assertThat(items.unit(item)).isWaitingAt(VERIFY_RESULT).task().hasCandidateGroup("LS01_committee").isNotAssigned();

    steps.complete(SECOND_CADRE, item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT).task().isAssignedTo(CADRE);
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    assertThat(item).isWaitingAt(REVIEW_SATISFACTION);
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));

    assertThat(item).isEnded().hasPassed(END_RESOLVED);
    LedgerEntry closed = ledgerOf(item);
    assertThat(closed.state()).isEqualTo(MatterState.CLOSED);
    assertThat(closed.outcome()).isEqualTo("RESOLVED");
    assertThat(closed.handledBy()).isEqualTo(CADRE);
    assertThat(closed.verifiedBy()).isEqualTo(SECOND_CADRE);
    assertThat(closed.feedbackMethod()).isEqualTo("PHONE");
    assertThat(closed.satisfaction()).isEqualTo("SATISFIED");
    assertThat(closed.closedAt()).isNotNull();
    // Every step, in order. Run in the last days of a year whose successor the calendar lacks, the
    // deadline also carries a calendar note (CalendarAsDataTest): not a step, left out here.
    assertThat(ledgerReads.eventKinds(closed.matterNumber()))
        .filteredOn(kind -> !kind.equals(cn.shuoshi.ledger.LedgerEvent.Kind.CALENDAR_MISSING.name()))
        .containsExactly("REGISTERED", CLASSIFY_MATTER, "ROUTED",
        HANDLE_MATTER, VERIFY_RESULT, "UNIT_DONE", FEEDBACK_TO_RESIDENT, REVIEW_SATISFACTION, "CLOSED");
    assertThat(closed.handlingLevel()).isEqualTo("VILLAGE");
    assertThat(ledger.list(LedgerQuery.village(VILLAGE).withState(MatterState.CLOSED).withOutcome("RESOLVED")))
        .extracting(LedgerEntry::matterNumber).contains(closed.matterNumber());
  }

  @Test
  void itemThatCannotBeSolvedAtOnceEndsWithAPromiseAndItsDate() {
    ProcessInstance item = registeredAndClassified();
    LocalDate promised = LocalDate.now().plusMonths(4);
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.committed(promised));
    verifiedAndFedBack(item);
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("BASICALLY_SATISFIED", null));

    // Closed with its promise, which is checked on its date.
    assertThat(item).isWaitingAt(PROMISED_DATE_TIMER);
    LedgerEntry waiting = ledgerOf(item);
    assertThat(waiting.state()).isEqualTo(MatterState.CLOSED);
    assertThat(waiting.closedAt()).isNotNull();
    assertThat(waiting.outcome()).isEqualTo("COMMITTED");
    assertThat(waiting.promisedDate()).isEqualTo(promised);
    assertThat(waiting.satisfaction()).isEqualTo("BASICALLY_SATISFIED");

    items.fire(item, PROMISED_DATE_TIMER);
    steps.complete(SECRETARY, item, CHECK_COMMITMENT, Map.of(COMMITMENT_KEPT, "KEPT", COMMITMENT_NOTE, "新管道已通水。"));
    assertThat(item).isEnded().hasPassed(END_COMMITTED);
    assertThat(ledgerOf(item).state()).isEqualTo(MatterState.CLOSED);
  }

  @Test
  void itemThatCannotBeSolvedUnderTheLawEndsExplainedWithItsBasis() {
    ProcessInstance item = registeredAndClassified();
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.explained());
    verifiedAndFedBack(item);
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));

    assertThat(item).isEnded().hasPassed(END_EXPLAINED);
    assertThat(ledgerOf(item).outcome()).isEqualTo("EXPLAINED");
    assertThat(ledgerOf(item).policyBasis()).contains("公路法");
  }

  @Test
  void itemAnsweredOnTheSpotIsRecordedButStaysOffTheLedger() {
    Map<String, Object> form = Forms.register(VILLAGE);
    form.put(ANSWERED_ON_SPOT, true);
    form.put(ON_SPOT_ANSWER, "停水是因为管道检修，明天上午恢复。");
    ProcessInstance item = steps.register(CADRE, form);

    assertThat(item).isEnded().hasPassed(END_ANSWERED_ON_SPOT);
    assertThat(ledger.findByProcessInstance(item.getId())).isEmpty();
    assertThat(ledgerReads.countOnSpotAnswers(item.getId())).isEqualTo(1);
  }

  @Test
  void anItemTakenByTheCountyCentreWaitsForTheVillageCadresWithinThreeDays() {
    ProcessInstance item = steps.register("yl_zhongxin", Forms.register(VILLAGE));

    Task classify = steps.task(item, CLASSIFY_MATTER);
    assertThat(classify.getAssignee()).isNull();
    assertThat(item).task().hasCandidateGroup("LS01_committee");
    assertThat(classify.getDueDate().toInstant().atZone(cn.shuoshi.clock.EngineClock.BEIJING).toLocalDate())
        .isEqualTo(java.time.LocalDate.now(cn.shuoshi.clock.EngineClock.BEIJING).plusDays(3));
    assertThat(ledgerOf(item).responsibleCadre()).isNull();

    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    assertThat(ledgerOf(item).responsibleCadre()).isEqualTo(CADRE);
  }

  @Test
  void responsibilityCanBeGivenToAnotherCadreOfTheVillage() {
    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", SECOND_CADRE));

    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER).task().isAssignedTo(SECOND_CADRE);
    assertThat(ledgerOf(item).responsibleCadre()).isEqualTo(SECOND_CADRE);
  }

  @Test
  void aVerifierWhoFindsTheResultWantingSendsItBackToTheHandler() {
    ProcessInstance item = registeredAndClassified();
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete(SECOND_CADRE, item, VERIFY_RESULT, Forms.verified("REJECTED", "增压泵未通电，需现场复查。"));

    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER).task().isAssignedTo(CADRE);
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete(SECOND_CADRE, item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
  }

  @Test
  void theHandlerCannotVerifyTheirOwnResult() {
    ProcessInstance item = registeredAndClassified();
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    Task verify = steps.task(item, VERIFY_RESULT);

    // The handler does not even see it among the unit's tasks; the unit's other cadre does.
    identity.setAuthentication(CADRE, identity.createGroupQuery().groupMember(CADRE).list().stream()
        .map(g -> g.getId()).toList());
    try {
      assertThat(tasks.createTaskQuery().taskId(verify.getId()).count()).isZero();
      assertThat(tasks.createTaskQuery().taskCandidateGroupIn(List.of("LS01_committee")).taskUnassigned().list())
          .extracting(Task::getId).doesNotContain(verify.getId());
      // Claiming it is refused, and so is completing it without a claim.
      assertThatThrownBy(() -> tasks.claim(verify.getId(), CADRE)).isInstanceOf(AuthorizationException.class);
      assertThatThrownBy(() -> forms.submitTaskForm(verify.getId(), Forms.verified("CONFIRMED", null)))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }
    identity.setAuthentication(SECOND_CADRE, identity.createGroupQuery().groupMember(SECOND_CADRE).list().stream()
        .map(g -> g.getId()).toList());
    try {
      assertThat(tasks.createTaskQuery().taskId(verify.getId()).count()).isOne();
    } finally {
      identity.clearAuthentication();
    }
    // Had the handler held it anyway (an administrator's assignment), the step itself refuses them.
    assertThatThrownBy(() -> tasks.setAssignee(verify.getId(), CADRE))
        .isInstanceOf(RefusedAssignmentException.class).hasMessageContaining("办理人以外的干部核实");
    assertThat(items.unit(item)).isWaitingAt(VERIFY_RESULT);
    assertThat(ledgerOf(item).verifiedBy()).isNull();
  }

  @Test
  void aDissatisfiedResidentGetsTheItemHandledAgainThenTheTownSupervisorsReviewIt() {
    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    Map<String, Object> classification = Forms.classify("VILLAGE", CADRE);
    classification.put(CLASSIFY_NOTE, "请先联系镇水务站确认管网压力。");
    steps.complete(CADRE, item, CLASSIFY_MATTER, classification);
    // The handler's form shows the classifier's note (交办说明).
    assertThat(handleFormShows(item)).containsEntry(CLASSIFY_NOTE, "请先联系镇水务站确认管网压力。")
        .containsEntry(SUBJECT, "INFRASTRUCTURE").containsEntry(MATTER_TYPE, "PROBLEM");
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    verifiedAndFedBack(item);

    // First 不满意: back to handling, with a fresh deadline and the resident's complaint to read.
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("DISSATISFIED", "下午水压仍然不够。"));
    assertThat(item).isWaitingAt(VILLAGE_HANDLING);
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER).task().isAssignedTo(CADRE);
    assertThat(runtime.getVariable(item.getId(), OUTCOME)).isNull();
    assertThat(runtime.getVariable(item.getId(), SATISFACTION_NOTE)).isEqualTo("下午水压仍然不够。");
    // The handler's form, in the new round of handling, shows the resident's opinion.
    assertThat(handleFormShows(item)).containsEntry(SATISFACTION, "DISSATISFIED")
        .containsEntry(SATISFACTION_NOTE, "下午水压仍然不够。").containsEntry(CLASSIFY_NOTE, "请先联系镇水务站确认管网压力。");
    assertThat(ledgerOf(item).dissatisfiedCount()).isEqualTo(1);

    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    verifiedAndFedBack(item);

    // Second 不满意: the town supervisors review it.
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("DISSATISFIED", "还是不行。"));
    assertThat(item).isWaitingAt(SUPERVISOR_REVIEW).task().hasCandidateGroup("LS_supervisor");
    assertThat(ledgerOf(item).state()).isEqualTo(MatterState.SUPERVISOR_REVIEW);

    // They order it handled once more; after that the resident is satisfied.
    steps.complete(TOWN_SUPERVISOR, item, SUPERVISOR_REVIEW,
        Map.of(SUPERVISOR_DECISION, "REHANDLE", SUPERVISOR_OPINION, "请镇水务站协助排查管网。"));
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
    assertThat(handleFormShows(item)).containsEntry(SUPERVISOR_DECISION, "REHANDLE")
        .containsEntry(SUPERVISOR_OPINION, "请镇水务站协助排查管网。");
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    verifiedAndFedBack(item);
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));
    assertThat(item).isEnded().hasPassed(END_RESOLVED);
    assertThat(ledgerOf(item).dissatisfiedCount()).isEqualTo(2);
  }

  @Test
  void theTownSupervisorsMayCloseAnItemTheResidentStillRejects() {
    ProcessInstance item = registeredAndClassified();
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.explained());
    verifiedAndFedBack(item);
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("DISSATISFIED", "不接受。"));
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.explained());
    verifiedAndFedBack(item);
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("DISSATISFIED", "仍不接受。"));

    steps.complete(TOWN_SUPERVISOR, item, SUPERVISOR_REVIEW,
        Map.of(SUPERVISOR_DECISION, "CLOSE", SUPERVISOR_OPINION, "已依法依规解释到位，予以办结。"));
    assertThat(item).isEnded().hasPassed(END_EXPLAINED);
    assertThat(ledgerOf(item).state()).isEqualTo(MatterState.CLOSED);
  }
}
