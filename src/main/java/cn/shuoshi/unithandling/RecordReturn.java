package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Values.UNIT_RETURNED;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A unit returns an item that is not its business (退单); every return is on the ledger. */
@Component("recordReturn")
public class RecordReturn implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordReturn(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(UNIT_RESULT, UNIT_RETURNED);
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordReturn(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.RETURNED, execution.getVariable(UNIT_GROUP) + "：" + execution.getVariable(RETURN_REASON)), clock.now());
  }
}
