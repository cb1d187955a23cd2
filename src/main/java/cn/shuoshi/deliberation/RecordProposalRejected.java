package cn.shuoshi.deliberation;

import static cn.shuoshi.matter.MatterProcess.Values.OUTCOME_EXPLAINED;
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
 * A public major matter that the village's deliberations did not adopt ends explained: the resident
 * is told that, and why, the village decided against it.
 */
@Component("recordProposalRejected")
public class RecordProposalRejected implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordProposalRejected(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String basis = "经“四议两公开”程序未获通过：" + execution.getVariable(DELIBERATION_NOTE);
    execution.setVariable(RESOLUTION_ADOPTED, false);
    execution.setVariable(OUTCOME, OUTCOME_EXPLAINED);
    execution.setVariable(RESULT_SUMMARY, basis);
    execution.setVariable(POLICY_BASIS, "村民自治：村民代表会议议事规则（四议两公开）");
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordResult(number, null, OUTCOME_EXPLAINED, basis, null, null,
        Variable.text(execution, POLICY_BASIS), clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.PROPOSAL_REJECTED, basis), clock.now());
  }
}
