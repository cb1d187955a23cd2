package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Values.EXTENSION_APPROVED;
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
 * The extension step of {@code unitHandling} versions before {@code Gateway_ExtensionApproved}
 * (running items keep their version, docs/OPERATIONS.md): that model went on unconditionally and left
 * the ruling to this bean. The current model decides in its gateway and calls {@link ExtendDeadline}.
 */
@Component("applyExtension")
public class ApplyExtension implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final ExtendDeadline extend;

  public ApplyExtension(LedgerRepository ledger, EngineClock clock, ExtendDeadline extend) {
    this.ledger = ledger;
    this.clock = clock;
    this.extend = extend;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(EXTENSION_USED, true);
    // The handler's form opens on "submit a result" again, not on the request just decided.
    execution.removeVariable(HANDLE_ACTION);
    if (!EXTENSION_APPROVED.equals(execution.getVariable(EXTENSION_DECISION))) {
      ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.EXTENSION_REFUSED,
          Variable.text(execution, EXTENSION_REASON)), clock.now());
      return;
    }
    extend.execute(execution);
  }
}
