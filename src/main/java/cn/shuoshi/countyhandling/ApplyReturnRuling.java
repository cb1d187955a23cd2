package cn.shuoshi.countyhandling;

import static cn.shuoshi.matter.MatterProcess.Values.RULING_REROUTE;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The dispatching level rules on a return, and the ruling binds: another department is named, or the
 * department that returned it must handle it. Either way the level allows no further return.
 */
@Component("applyReturnRuling")
public class ApplyReturnRuling implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final Org org;

  public ApplyReturnRuling(LedgerRepository ledger, EngineClock clock, Org org) {
    this.ledger = ledger;
    this.clock = clock;
    this.org = org;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ruling = Variable.text(execution, RETURN_RULING);
    if (RULING_REROUTE.equals(ruling)) {
      String department = Variable.text(execution, NEW_LEAD_DEPARTMENT);
      execution.setVariable(LEAD_DEPARTMENT, department);
      execution.setVariable(LEAD_DEPARTMENT_NAME, org.unit(department).map(Org.Unit::name).orElse(department));
    }
    execution.setVariable(RETURN_RULED, true);
    ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.RULED, execution.getVariable(LEAD_DEPARTMENT) + "：" + execution.getVariable(RULING_NOTE)).decided(ruling), clock.now());
  }
}
