package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Vars.SIGN_FOR_DUE;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Not signed for within the limit: counts against the unit's response rate. */
@Component("markSignForLate")
public class MarkSignForLate implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public MarkSignForLate(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordSignForLate(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.SIGN_FOR_LATE, "签收期限：" + EngineClock.display(Variable.date(execution, SIGN_FOR_DUE))), clock.now());
  }
}
