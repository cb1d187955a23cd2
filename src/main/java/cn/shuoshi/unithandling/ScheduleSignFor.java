package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Values.LEVEL_COUNTY;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.model.Variable;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * An item arrives at the town or the county: the time to sign for it (签收) starts.
 */
@Component("scheduleSignFor")
public class ScheduleSignFor implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final WorkingDayCalendar calendar;
  private final Org org;
  private final CalendarGaps gaps;

  public ScheduleSignFor(LedgerRepository ledger, EngineClock clock, WorkingDayCalendar calendar,
      Org org, CalendarGaps gaps) {
    this.ledger = ledger;
    this.clock = clock;
    this.calendar = calendar;
    this.org = org;
    this.gaps = gaps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TimeLimits limits = TimeLimits.of(execution);
    WorkingDayCalendar.Reckoning days = calendar.reckoning();
    Date due = EngineClock.endOfDay(days.plus(clock.today(), limits.signForDays(), limits.workingDays()));
    execution.setVariable(SIGN_FOR_DUE, due);
    String level = Variable.text(execution, HANDLING_LEVEL);
    String villageCode = Variable.text(execution, VILLAGE_CODE);
    String unit;
    if (LEVEL_COUNTY.equals(level)) {
      unit = org.countyCentre(villageCode);
      ledger.setState(LedgerKey.of(execution), MatterState.COUNTY_DISPATCH, clock.now());
    } else {
      unit = org.townGroup(villageCode, Variable.text(execution, HANDLING_ROLE));
      ledger.setState(LedgerKey.of(execution), MatterState.TOWN_SIGN_FOR, clock.now());
    }
    ledger.recordLevel(LedgerKey.of(execution), level, unit, clock.now());
    gaps.note(LedgerKey.of(execution), days, "签收期限（" + EngineClock.display(due) + "）");
  }
}
