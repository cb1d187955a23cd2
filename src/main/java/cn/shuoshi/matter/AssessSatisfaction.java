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
 * The rating step of {@code matter} versions before {@code Gateway_ReviewRoute} decided on the rating
 * itself (running items keep their version, docs/OPERATIONS.md): it left the route in
 * {@code reviewRoute}. The current model counts with {@link RecordRating} and decides in its gateway.
 */
@Component("assessSatisfaction")
public class AssessSatisfaction implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public AssessSatisfaction(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!DISSATISFIED.equals(execution.getVariable(SATISFACTION))) {
      execution.setVariable(REVIEW_ROUTE, ROUTE_CLOSE);
      return;
    }
    Object previous = execution.getVariable(DISSATISFIED_COUNT);
    int count = (previous instanceof Number n ? n.intValue() : 0) + 1;
    execution.setVariable(DISSATISFIED_COUNT, count);
    execution.setVariable(REVIEW_ROUTE, count == 1 ? ROUTE_REHANDLE : ROUTE_SUPERVISORS);
    ledger.recordDissatisfaction(LedgerKey.of(execution), count, clock.now());
  }
}
