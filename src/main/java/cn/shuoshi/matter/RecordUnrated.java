package cn.shuoshi.matter;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Nobody rated the item in time ({@code BoundaryEvent_RatingWaitOver}): the ledger says 未评价（超时）, the
 * story has a line for it, and the satisfaction rate leaves it out (neither satisfied nor rated). The
 * item then closes with its outcome as any other.
 */
@Component("recordUnrated")
public class RecordUnrated implements JavaDelegate {

  static final String NOTE = "未评价（超时）";

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordUnrated(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordUnrated(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.UNRATED, NOTE).decided(LedgerRepository.UNRATED),
        clock.now());
  }
}
