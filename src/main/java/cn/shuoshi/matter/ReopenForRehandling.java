package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The re-handling step of {@code matter} versions before explicit call-activity mappings (running
 * items keep their version, docs/OPERATIONS.md): those versions copied every variable into each
 * level and back, so the previous round's answers had to be cleared here. The current model uses
 * {@link ReopenItem}.
 */
@Component("reopenForRehandling")
public class ReopenForRehandling implements JavaDelegate {

  private static final List<String> PREVIOUS_ROUND = List.of(
      REQUESTED_DEADLINE, OUTCOME, RESULT_SUMMARY, PROMISED_DATE, COMMITMENT_STEPS, POLICY_BASIS, HANDLED_BY,
      VERIFICATION_RESULT, VERIFICATION_NOTE, FEEDBACK_METHOD, FEEDBACK_DATE, FEEDBACK_NOTE, SATISFACTION,
      SUPERVISOR_DECISION, REVIEW_ROUTE, HANDLE_ACTION, EXTENSION_DAYS, EXTENSION_REASON, EXTENSION_DECISION,
      SIGN_FOR_DECISION, RETURN_REASON, TOWN_DECISION, PARTY_COMMITTEE_DECISION, RETURN_RULING,
      NEW_LEAD_DEPARTMENT, COMMITMENT_KEPT, COMMITMENT_NOTE);

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public ReopenForRehandling(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.removeVariables(PREVIOUS_ROUND);
    ledger.reopen(LedgerKey.of(execution), clock.now());
    ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.REOPENED, Variable.text(execution, SATISFACTION_NOTE)), clock.now());
  }
}
