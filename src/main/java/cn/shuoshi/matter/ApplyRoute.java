package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.Desk;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Flattens the routing decision ({@code matterRouting}) into the two variables the gateways read:
 * the level that handles the item and the role that handles it there.
 */
@Component("applyRoute")
public class ApplyRoute implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public ApplyRoute(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The model's output mapping sets level and role; versions before it left the decision's row in "route".
    if (execution.getVariable(ROUTE) instanceof Map<?, ?> route) {
      execution.setVariable(HANDLING_LEVEL, route.get("level"));
      execution.setVariable(HANDLING_ROLE, route.get("unitRole"));
      execution.setVariable(RETURN_RULED, false);
    }
    String level = Variable.text(execution, HANDLING_LEVEL);
    String role = Variable.text(execution, HANDLING_ROLE);
    // Items started on a model before the desk decision have no deskRole: their desk follows the
    // classification the same way (ModelsBeforeTheDesk), never null, which would show a complaint to the village.
    String desk = execution.getVariable(DESK_ROLE) instanceof String d ? d
        : ModelsBeforeTheDesk.deskOf(Variable.text(execution, MATTER_TYPE), Variable.text(execution, SUBJECT));
    Desk.requireAwayFromVillage(Variable.text(execution, MATTER_TYPE), Variable.text(execution, SUBJECT),
        desk, level);
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordLevel(number, level, role, clock.now());
    // The desk, reviewed after the classification, decides who on the ledger may see the item.
    ledger.recordDesk(number, desk, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.ROUTED, level + "/" + role), clock.now());
  }
}
