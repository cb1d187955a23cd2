package cn.shuoshi.unithandling;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerQuery;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;


/** Deadlines come from the decision table on the working-day calendar; timers enforce them. */
@ShuoshiTest
class DeadlineTimersTest {

  static final String CADRE = "ls05_ganbu1";

  @Autowired LedgerReads ledgerReads;

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired LedgerRepository ledger;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired WorkingDayCalendar calendar;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ProcessInstance classifiedVillageItem(Map<String, Object> classification) {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS05"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, classification);
    return item;
  }

  @Test
  void aVillageProblemRegisteredBeforeNationalDayIsDueOnTheFifthWorkingDayInBeijing() {
    // Monday 29 September 2025, late evening in Beijing (still the 29th there, already UTC afternoon).
    ZonedDateTime evening = ZonedDateTime.of(2025, 9, 29, 22, 30, 0, 0, EngineClock.BEIJING);
    ClockUtil.setCurrentTime(Date.from(evening.toInstant()));
    ProcessInstance item = classifiedVillageItem(Forms.classify("VILLAGE", CADRE));

    // 30 Sep, then the holiday 1–8 Oct, then 9, 10, 11 (a Saturday worked in exchange, 调休) and 13 Oct.
    Date deadline = (Date) items.unitVariable(item, DEADLINE);
    ZonedDateTime due = deadline.toInstant().atZone(EngineClock.BEIJING);
    assertThat(due.toLocalDate()).isEqualTo(LocalDate.of(2025, 10, 13));
    assertThat(due.toLocalTime().toString()).isEqualTo("23:59:59");
    assertThat(items.timer(item, HANDLE_OVERDUE_TIMER).getDuedate()).isEqualTo(deadline);
    assertThat(items.timer(item, REMIND_HANDLER_TIMER).getDuedate())
        .isEqualTo(Date.from(deadline.toInstant().minus(Duration.ofHours(24))));
    // Escalation after a grace of two working days: 14 and 15 October.
    assertThat(items.timer(item, ESCALATION_TIMER).getDuedate().toInstant().atZone(EngineClock.BEIJING).toLocalDate())
        .isEqualTo(LocalDate.of(2025, 10, 15));
  }

  @Test
  void aCadreMaySetAnEarlierDeadlineButNotALaterOneThanTheRule() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS05"));
    Map<String, Object> tooLate = Forms.classify("VILLAGE", CADRE);
    tooLate.put(REQUESTED_DEADLINE, LocalDate.now(EngineClock.BEIJING).plusDays(30).toString());

    assertThatThrownBy(() -> steps.complete(CADRE, item, CLASSIFY_MATTER, tooLate))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("办理期限")
        .hasMessageContaining("5个工作日");
    assertThat(item).isWaitingAt(CLASSIFY_MATTER);

    Map<String, Object> earlier = Forms.classify("VILLAGE", CADRE);
    LocalDate tomorrow = LocalDate.now(EngineClock.BEIJING).plusDays(1);
    earlier.put(REQUESTED_DEADLINE, tomorrow.toString());
    steps.complete(CADRE, item, CLASSIFY_MATTER, earlier);
    Date deadline = (Date) items.unitVariable(item, DEADLINE);
    assertThat(deadline.toInstant().atZone(EngineClock.BEIJING).toLocalDate()).isEqualTo(tomorrow);
  }

  @Test
  void givenAVillageItemOverdueWhenTheDeadlinePassesThenTheTownSupervisorsGetASupervisionTaskWhileTheHandlerKeepsIt() {
    ProcessInstance item = classifiedVillageItem(Forms.classify("VILLAGE", CADRE));

    // The day before: the reminder (催办) fires, the handler keeps working.
    items.fire(item, REMIND_HANDLER_TIMER);
    assertThat(items.unit(item)).hasPassed(REMIND_HANDLER_TIMER).isWaitingAt(HANDLE_MATTER);
    String number = steps.number(item);
    assertThat(ledger.findByNumber(number).orElseThrow().overdue()).isFalse();
    assertThat(ledgerReads.eventKinds(number)).contains("REMINDED");

    // The deadline passes: 督办 for the town's supervisors, and the item is flagged on the ledger.
    items.fire(item, HANDLE_OVERDUE_TIMER);
    assertThat(items.unit(item)).hasPassed(HANDLE_OVERDUE_TIMER).isWaitingAt(HANDLE_MATTER, SUPERVISE_OVERDUE);
    assertThat(ledger.findByNumber(steps.number(item)).orElseThrow().overdue()).isTrue();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(SUPERVISE_OVERDUE)
        .taskCandidateGroup("LS_supervisor").count()).isEqualTo(1);
    assertThat(steps.task(item, HANDLE_MATTER).getAssignee()).isEqualTo(CADRE);
    assertThat(steps.task(item, SUPERVISE_OVERDUE).getDueDate()).as("supervision is due too").isNotNull();
    LedgerEntry flagged = ledger.findByNumber(number).orElseThrow();
    assertThat(flagged.overdue()).isTrue();
    assertThat(flagged.supervisionCount()).isEqualTo(1);
    assertThat(ledger.list(LedgerQuery.village("LS05").overdueOnly()))
        .extracting(LedgerEntry::matterNumber).contains(number);

    // The supervisors record what they did; the handler finishes within the grace; the item closes.
    steps.complete("ls_jiwei", item, SUPERVISE_OVERDUE,
        Map.of(SUPERVISION_MEASURE, "URGE", SUPERVISION_OPINION, "请两日内办结并报告。"));
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls05_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete("ls05_shuji", item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));
    assertThat(item).isEnded();
    assertThat(ledger.findByNumber(number).orElseThrow().publicNotice()).isFalse();
  }

  @Test
  void closingAnItemEndsASupervisionStillOpenSoNothingStalls() {
    ProcessInstance item = classifiedVillageItem(Forms.classify("VILLAGE", CADRE));
    items.fire(item, HANDLE_OVERDUE_TIMER);
    assertThat(items.unit(item)).isWaitingAt(SUPERVISE_OVERDUE);

    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls05_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete("ls05_shuji", item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));

    assertThat(item).isEnded().hasPassed(END_RESOLVED);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(steps.number(item)).count()).isZero();
  }

  @Test
  void rehandlingAfterDissatisfactionGetsAFreshDeadline() {
    ProcessInstance item = classifiedVillageItem(Forms.classify("VILLAGE", CADRE));
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls05_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());

    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
    steps.complete("ls05_shuji", item, REVIEW_SATISFACTION, Forms.rated("DISSATISFIED", "没有解决。"));

    Date fresh = (Date) items.unitVariable(item, DEADLINE);
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), EngineClock.BEIJING);
    assertThat(fresh.toInstant().atZone(EngineClock.BEIJING).toLocalDate())
        .isEqualTo(calendar.plusWorkingDays(today, 5));
    assertThat(items.timer(item, HANDLE_OVERDUE_TIMER).getDuedate()).isEqualTo(fresh);
  }
}
