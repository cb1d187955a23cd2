package cn.shuoshi.countyhandling;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The county centre has transferred the item (转办): one lead department handles it, co-handling
 * departments (联调联动) each report in parallel.
 */
@Component("recordDispatch")
public class RecordDispatch implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final Org org;

  public RecordDispatch(LedgerRepository ledger, EngineClock clock, Org org) {
    this.ledger = ledger;
    this.clock = clock;
    this.org = org;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String lead = Variable.text(execution, LEAD_DEPARTMENT);
    List<String> coGroups = new ArrayList<>();
    if (execution.getVariable(CO_DEPARTMENTS) instanceof Collection<?> co) {
      co.forEach(code -> coGroups.add(org.departmentGroup(code.toString())));
    }
    execution.setVariable(CO_DEPARTMENT_GROUPS, Variables.objectValue(coGroups)
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    execution.setVariable(LEAD_DEPARTMENT_NAME, org.unit(lead).map(Org.Unit::name).orElse(lead));
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordLevel(number, Variable.text(execution, HANDLING_LEVEL), org.departmentGroup(lead), clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.DISPATCHED, lead + (coGroups.isEmpty() ? "" : " + " + coGroups)), clock.now());
  }
}
