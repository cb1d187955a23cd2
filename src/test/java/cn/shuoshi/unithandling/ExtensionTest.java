package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 延期申请: asked before the deadline with a reason, ruled by a supervisor, once per level. */
@ShuoshiTest
class ExtensionTest {

  static final String CADRE = "ls10_ganbu1";

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired LedgerRepository ledger;
  @Autowired WorkingDayCalendar calendar;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ProcessInstance inHandling() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS10"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    return item;
  }

  static LocalDate day(Object date) {
    return ((Date) date).toInstant().atZone(EngineClock.BEIJING).toLocalDate();
  }

  @Test
  void anApprovedExtensionMovesTheDeadlineAndItsTimersAndASecondRequestIsRefused() {
    ProcessInstance item = inHandling();
    LocalDate before = day(items.unitVariable(item, DEADLINE));

    steps.complete(CADRE, item, HANDLE_MATTER, Forms.extension(3, "需等待管材到货。"));
    assertThat(items.unit(item)).isWaitingAt(APPROVE_EXTENSION);
    assertThat(steps.task(item, APPROVE_EXTENSION)).isNotNull();
    steps.complete("ls_jiwei", item, APPROVE_EXTENSION, Map.of(EXTENSION_DECISION, "APPROVED"));

    LocalDate after = day(items.unitVariable(item, DEADLINE));
    assertThat(after).isEqualTo(calendar.plusWorkingDays(before, 3));
    assertThat(day(items.timer(item, HANDLE_OVERDUE_TIMER).getDuedate())).isEqualTo(after);
    assertThat(day(steps.task(item, HANDLE_MATTER).getDueDate())).isEqualTo(after);
    assertThat(ledger.findByNumber(steps.number(item)).orElseThrow().extensionCount()).isEqualTo(1);

    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, Forms.extension(2, "再等两天。")))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getMessage()).contains("本级已申请过一次延期"));
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    assertThat(items.unit(item)).isWaitingAt(VERIFY_RESULT);
  }

  @Test
  void aRefusedExtensionLeavesTheDeadlineAndUsesTheLevelsRequest() {
    ProcessInstance item = inHandling();
    Date before = (Date) items.unitVariable(item, DEADLINE);
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.extension(2, "人手不足。"));
    steps.complete("ls_jiwei", item, APPROVE_EXTENSION, Map.of(EXTENSION_DECISION, "REFUSED"));

    assertThat(items.unitVariable(item, DEADLINE)).isEqualTo(before);
    assertThat(items.unitVariable(item, EXTENSION_USED)).isEqualTo(true);
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
  }

  @Test
  void noExtensionAfterTheDeadlineNorLongerThanTheRuleAllows() {
    ProcessInstance item = inHandling();
    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, Forms.extension(6, "需要更长时间。")))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsKey(EXTENSION_DAYS));

    items.fire(item, HANDLE_OVERDUE_TIMER);
    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, Forms.extension(2, "晚了。")))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getMessage()).contains("已超过办理期限"));
  }
}
