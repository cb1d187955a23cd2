package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Values.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Role;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The escalation step of {@code matter} versions before decision {@code escalationLevel} (running
 * items keep their version, docs/OPERATIONS.md): the next level was chosen here. The current model asks
 * the decision ({@code BusinessRuleTask_NextLevel}) and records with {@link RecordEscalation}.
 */
@Component("escalateLevel")
public class EscalateLevel implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public EscalateLevel(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String from = Variable.text(execution, HANDLING_LEVEL);
    String to = LEVEL_VILLAGE.equals(from) ? LEVEL_TOWN : LEVEL_COUNTY;
    execution.setVariable(HANDLING_LEVEL, to);
    execution.setVariable(HANDLING_ROLE, LEVEL_TOWN.equals(to) ? Role.STATION.name() : Role.CENTRE.name());
    execution.setVariable(RETURN_RULED, false);
    execution.removeVariable(REQUESTED_DEADLINE);
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordEscalation(number, to, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.ESCALATED, from + " → " + to), clock.now());
  }
}
