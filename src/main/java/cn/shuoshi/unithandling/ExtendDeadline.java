package cn.shuoshi.unithandling;


import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * A supervisor approved an extension (延期申请, {@code Gateway_ExtensionApproved}): the deadline moves
 * by the days asked and the timers already waiting on the handling follow it.
 */
@Component("extendDeadline")
public class ExtendDeadline implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final WorkingDayCalendar calendar;
  private final ScheduleDeadline deadlines;
  private final CalendarGaps gaps;

  public ExtendDeadline(LedgerRepository ledger, EngineClock clock, WorkingDayCalendar calendar,
      ScheduleDeadline deadlines, CalendarGaps gaps) {
    this.ledger = ledger;
    this.clock = clock;
    this.calendar = calendar;
    this.deadlines = deadlines;
    this.gaps = gaps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    Date old = Variable.date(execution, DEADLINE);
    int days = Variable.number(execution, EXTENSION_DAYS);
    LocalDate oldDay = old.toInstant().atZone(EngineClock.BEIJING).toLocalDate();
    WorkingDayCalendar.Reckoning reckoning = calendar.reckoning();
    Date deadline = EngineClock.endOfDay(
        reckoning.plus(oldDay, days, Boolean.TRUE.equals(execution.getVariable(COUNTS_WORKING_DAYS))));
    deadlines.setDeadlines(execution, deadline, Variable.number(execution, REMINDER_HOURS),
        reckoning);

    // Timer jobs keep the due date they were created with; move the ones still waiting.
    Map<String, Date> moved = Map.of(
        REMIND_HANDLER_TIMER, Variable.date(execution, REMINDER_AT),
        HANDLE_OVERDUE_TIMER, deadline,
        ESCALATION_TIMER, Variable.date(execution, ESCALATE_AT));
    ManagementService management = execution.getProcessEngineServices().getManagementService();
    for (Job job : management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers().list()) {
      String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
          .singleResult().getActivityId();
      if (moved.containsKey(activity)) {
        management.setJobDuedate(job.getId(), moved.get(activity));
      }
    }
    ledger.recordExtension(number, deadline, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.EXTENDED, "延期" + days + "天至" + EngineClock.display(deadline)), clock.now());
    gaps.note(number, reckoning, "延期后的办理期限（" + EngineClock.display(deadline) + "）及其升级时间");
  }
}
