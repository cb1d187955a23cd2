package cn.shuoshi.intake;

import static cn.shuoshi.matter.MatterProcess.Vars.ON_SPOT_ANSWER;

import cn.shuoshi.deadline.EngineClock;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.organisation.OrgDirectory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records an item answered on the spot; it is closed at once and never enters the ledger. */
@Component("recordOnSpotAnswer")
public class RecordOnSpotAnswerDelegate implements JavaDelegate {

  private final LedgerRepository ledger;
  private final OrgDirectory org;
  private final EngineClock clock;

  public RecordOnSpotAnswerDelegate(LedgerRepository ledger, OrgDirectory org, EngineClock clock) {
    this.ledger = ledger;
    this.org = org;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ledger.recordOnSpotAnswer(StartFormValues.read(execution, org, clock.now()),
        (String) execution.getVariable(ON_SPOT_ANSWER));
    StartFormValues.forgetReporter(execution);
  }
}
