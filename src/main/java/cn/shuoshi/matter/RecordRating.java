package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Values.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Counts the resident's dissatisfied ratings of the item ({@code dissatisfiedCount}, also on the
 * ledger). What a rating leads to is the model's gateway {@code Gateway_ReviewRoute}.
 */
@Component("recordRating")
public class RecordRating implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordRating(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!DISSATISFIED.equals(execution.getVariable(SATISFACTION))) {
      return;
    }
    Object previous = execution.getVariable(DISSATISFIED_COUNT);
    int count = (previous instanceof Number n ? n.intValue() : 0) + 1;
    execution.setVariable(DISSATISFIED_COUNT, count);
    ledger.recordDissatisfaction(LedgerKey.of(execution), count, clock.now());
  }
}
