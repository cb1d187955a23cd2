package cn.shuoshi.deadline;

import static cn.shuoshi.matter.MatterProcess.Vars.DEADLINE_TEXT;
import static cn.shuoshi.matter.MatterProcess.Vars.SUPERVISION_DUE;

import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Flags the item overdue on the ledger before the supervisors get their supervision task (督办),
 * which is due itself the next working day: supervision must not stall either.
 */
@Component("markOverdue")
public class MarkOverdueDelegate implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final WorkingDayCalendar calendar;

  public MarkOverdueDelegate(LedgerRepository ledger, EngineClock clock, WorkingDayCalendar calendar) {
    this.ledger = ledger;
    this.clock = clock;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordOverdue(number, clock.now());
    execution.setVariable(SUPERVISION_DUE, EngineClock.endOfDay(calendar.plusWorkingDays(clock.today(), 1)));
    ledger.appendEvent(number, "OVERDUE", null, "已超过办理期限：" + execution.getVariable(DEADLINE_TEXT), clock.now());
  }
}
