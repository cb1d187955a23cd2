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
 * Puts an escalation (逐级落实) on the ledger: the level decision {@code escalationLevel} chose is in
 * {@code handlingLevel} already (the business-rule task's output mapping); the ledger still shows the
 * level the item leaves.
 */
@Component("recordEscalation")
public class RecordEscalation implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordEscalation(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    String to = Variable.text(execution, HANDLING_LEVEL);
    String from = ledger.levelOf(number);
    ledger.recordEscalation(number, to, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.ESCALATED, from + " → " + to), clock.now());
  }
}
