package cn.shuoshi.unithandling;

import cn.shuoshi.audit.Origin;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A deadline counted through a year whose holiday schedule the calendar does not have is counted on
 * weekends only and may be wrong: the item's history ({@code matter_event}) says so, so that the
 * supervisors who rely on the deadline know to check it.
 */
@Component
public class CalendarGaps {

  /** The kind of the ledger event. */

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public CalendarGaps(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Marks the item if {@code reckoning} went through a year without its schedule; {@code what} names the deadline. */
  public void note(LedgerKey item, WorkingDayCalendar.Reckoning reckoning, String what) {
    Set<Integer> years = reckoning.missingYears();
    if (years.isEmpty()) {
      return;
    }
    String named = years.stream().map(y -> y + "年").collect(Collectors.joining("、"));
    ledger.appendEvent(item, LedgerEvent.of(LedgerEvent.Kind.CALENDAR_MISSING, named + "的节假日和调休安排尚未录入工作日历：" + what
        + "暂按仅周六、周日休息计算，可能有误，请在录入后核对。").by(Origin.SYSTEM), clock.now());
  }
}
