package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Vars.DEADLINE;
import static cn.shuoshi.matter.MatterProcess.Vars.SUPERVISION_DUE;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Flags the item overdue on the ledger before the supervisors get their supervision task (督办),
 * which is due itself the next working day: supervision must not stall either.
 */
@Component("markOverdue")
public class MarkOverdue implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final WorkingDayCalendar calendar;
  private final CalendarGaps gaps;

  public MarkOverdue(LedgerRepository ledger, EngineClock clock, WorkingDayCalendar calendar,
      CalendarGaps gaps) {
    this.ledger = ledger;
    this.clock = clock;
    this.calendar = calendar;
    this.gaps = gaps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordOverdue(number, clock.now());
    WorkingDayCalendar.Reckoning days = calendar.reckoning();
    Date supervisionDue = EngineClock.endOfDay(days.plusWorkingDays(clock.today(), 1));
    execution.setVariable(SUPERVISION_DUE, supervisionDue);
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.OVERDUE, "已超过办理期限：" + EngineClock.display(Variable.date(execution, DEADLINE))), clock.now());
    gaps.note(number, days, "督办期限（" + EngineClock.display(supervisionDue) + "）");
  }
}
