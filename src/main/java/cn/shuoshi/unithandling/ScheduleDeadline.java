package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import cn.shuoshi.settings.ShuoshiSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Turns the time limits of the decision table {@code levelTimeLimits} into this unit's deadlines, on
 * the working-day calendar: sign-for due, handling deadline, the reminder before it and the moment the
 * item escalates when still unfinished after a grace. A cadre may set an earlier handling deadline when
 * classifying, never a later one than the rule allows.
 */
@Component("scheduleDeadline")
public class ScheduleDeadline implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final WorkingDayCalendar calendar;
  private final CalendarGaps gaps;
  private final int graceWorkingDays;

  public ScheduleDeadline(LedgerRepository ledger, EngineClock clock, WorkingDayCalendar calendar,
      CalendarGaps gaps, ShuoshiSettings settings) {
    int graceWorkingDays = settings.escalation().graceWorkingDays();
    this.ledger = ledger;
    this.clock = clock;
    this.calendar = calendar;
    this.gaps = gaps;
    this.graceWorkingDays = graceWorkingDays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TimeLimits limits = TimeLimits.of(execution);
    LocalDate today = clock.today();
    WorkingDayCalendar.Reckoning days = calendar.reckoning();
    LocalDate latest = days.plus(today, limits.handlingDays(), limits.workingDays());
    LocalDate day = latest;
    String requested = Variable.text(execution, REQUESTED_DEADLINE);
    if (requested != null && !requested.isBlank()) {
      day = LocalDate.parse(requested.substring(0, 10));
      if (day.isBefore(today)) {
        throw InvalidSubmissionException.of(REQUESTED_DEADLINE, "“办理期限”不能早于今天（" + today + "）");
      }
      if (day.isAfter(latest)) {
        throw InvalidSubmissionException.of(REQUESTED_DEADLINE, "“办理期限”不能晚于规则时限 " + latest + "（"
            + limits.handlingDays() + (limits.workingDays() ? "个工作日" : "天") + "）");
      }
    }
    Date deadline = EngineClock.endOfDay(day);
    setDeadlines(execution, deadline, limits.reminderHours(), days);
    execution.setVariable(SIGN_FOR_DUE,
        EngineClock.endOfDay(days.plus(today, limits.signForDays(), limits.workingDays())));
    // The decision's outputs already hold these (versions before them held the whole row).
    setIfChanged(execution, MAX_EXTENSION_DAYS, limits.maxExtensionDays());
    setIfChanged(execution, COUNTS_WORKING_DAYS, limits.workingDays());
    execution.setVariable(EXTENSION_USED, false);
    LedgerKey item = LedgerKey.of(execution);
    ledger.recordDeadline(item, deadline, clock.now());
    gaps.note(item, days, "办理期限（" + EngineClock.display(deadline) + "）及其签收、升级时间");
  }

  /** Writing a variable its own value again is still a database update. */
  private static void setIfChanged(DelegateExecution execution, String name, Object value) {
    if (!Objects.equals(execution.getVariable(name), value)) {
      execution.setVariable(name, value);
    }
  }

  /**
   * Sets the deadline and the moments derived from it, counted on {@code days}; also used when an
   * extension moves it.
   */
  public void setDeadlines(DelegateExecution execution, Date deadline, int reminderHours,
      WorkingDayCalendar.Reckoning days) {
    Date reminder = Date.from(deadline.toInstant().minus(Duration.ofHours(reminderHours)));
    if (reminder.toInstant().isBefore(clock.now())) {
      reminder = Date.from(clock.now());
    }
    LocalDate deadlineDay = deadline.toInstant().atZone(EngineClock.BEIJING).toLocalDate();
    execution.setVariable(DEADLINE, deadline);
    execution.setVariable(REMINDER_AT, reminder);
    setIfChanged(execution, REMINDER_HOURS, reminderHours);
    execution.setVariable(ESCALATE_AT, EngineClock.endOfDay(days.plusWorkingDays(deadlineDay, graceWorkingDays)));
  }
}
