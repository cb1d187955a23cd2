package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * An item closes with a promise (承诺): it counts as closed with that outcome, and on the promised
 * date the village checks whether the promise was kept; a broken promise reopens it.
 */
@Component("recordCommitment")
public class RecordCommitment implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordCommitment(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate promised = LocalDate.parse((Variable.text(execution, PROMISED_DATE)).substring(0, 10));
    execution.setVariable(COMMITMENT_CHECK_AT, EngineClock.endOfDay(promised));
    LedgerKey number = LedgerKey.of(execution);
    ledger.close(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.COMMITTED, "承诺于 " + promised + " 前兑现"), clock.now());
  }
}
