package cn.shuoshi.townhandling;

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

/** The town passes the item to the county: by its own decision, its party committee's, or because its unit let it run past the grace. */
@Component("passToNextLevel")
public class PassToNextLevel implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public PassToNextLevel(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(LEVEL_RESULT, RESULT_ESCALATE);
    ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.PASSED_UP, Variable.text(execution, TOWN_NOTE)), clock.now());
  }
}
