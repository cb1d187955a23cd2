package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.ON_SPOT_ANSWER;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records an item answered on the spot; it is closed at once and never enters the ledger. */
@Component("recordOnSpotAnswer")
public class RecordOnSpotAnswer implements JavaDelegate {

  private final LedgerRepository ledger;
  private final Org org;
  private final EngineClock clock;

  public RecordOnSpotAnswer(LedgerRepository ledger, Org org, EngineClock clock) {
    this.ledger = ledger;
    this.org = org;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ledger.recordOnSpotAnswer(StartFormValues.read(execution, org, clock.now()),
        Variable.text(execution, ON_SPOT_ANSWER));
    StartFormValues.forgetReporter(execution);
  }
}
