package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Values.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The unit has handled the item and its result was verified. */
@Component("completeUnitHandling")
public class CompleteUnitHandling implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public CompleteUnitHandling(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(UNIT_RESULT, UNIT_DONE);
    ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.UNIT_DONE, Variable.text(execution, UNIT_GROUP)), clock.now());
  }
}
