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

/** The level (town, county) has its result; it goes down to the village for feedback. */
@Component("finishLevel")
public class FinishLevel implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public FinishLevel(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(LEVEL_RESULT, RESULT_DONE);
    ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.LEVEL_DONE, Variable.text(execution, HANDLING_LEVEL)), clock.now());
  }
}
