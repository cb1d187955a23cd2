package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends an item back to be handled again (first 不满意, a supervisor's order, a broken commitment):
 * the ledger reopens it. The next round starts clean without clearing anything here: each handling
 * level is a new instance that receives only what the call activity maps in, and the item's own
 * forms open empty ({@code clearFormOnEntry} on their tasks).
 */
@Component("reopenItem")
public class ReopenItem implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public ReopenItem(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.reopen(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.REOPENED, Variable.text(execution, SATISFACTION_NOTE)),
        clock.now());
  }
}
