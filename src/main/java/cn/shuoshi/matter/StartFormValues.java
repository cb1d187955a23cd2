package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.Desk;
import cn.shuoshi.ledger.LedgerRepository.NewMatter;
import cn.shuoshi.model.Variable;
import java.time.Instant;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** Reads what the registration form put into a new process instance. */
final class StartFormValues {

  private StartFormValues() {}

  static NewMatter read(DelegateExecution execution, Org org, Instant now) {
    requireCheckedForm(execution);
    Desk.requireAwayFromVillage(Variable.text(execution, MATTER_TYPE), Variable.text(execution, SUBJECT),
        Variable.text(execution, DESK_ROLE), null);
    String village = Variable.text(execution, VILLAGE_CODE);
    return new NewMatter(
        execution.getProcessInstanceId(),
        village,
        org.townOf(village),
        Variable.text(execution, CHANNEL),
        Variable.text(execution, REPORTER_NAME),
        Variable.text(execution, REPORTER_PHONE),
        Variable.text(execution, REPORTER_GROUP),
        Boolean.TRUE.equals(execution.getVariable(CONFIDENTIAL)),
        Variable.text(execution, TITLE),
        Variable.text(execution, DESCRIPTION),
        Variable.text(execution, REGISTERED_BY),
        now,
        Variable.text(execution, MATTER_TYPE),
        Variable.text(execution, SUBJECT),
        Variable.text(execution, DESK_ROLE));
  }

  /**
   * Only what the registration form brought in and the form's checks passed enters the ledger. Every
   * delegate of the service is open to designers' models: a model of their own (a timer start, values
   * as input parameters) would otherwise put an item on a village's ledger, registered in a cadre's
   * name, without anybody submitting a form. The mark is transient: no model, form or API can set it.
   */
  private static void requireCheckedForm(DelegateExecution execution) {
    TypedValue checked = execution.getProcessInstance().getVariableLocalTyped(REGISTRATION_CHECKED);
    if (checked == null || !checked.isTransient() || !Boolean.TRUE.equals(checked.getValue())) {
      throw new AuthorizationException("事项只能通过登记表单登记入台账：本流程未经登记表单校验，已拒绝");
    }
  }

  /** Reporter details live in the service's tables only, not in process variables. */
  static void forgetReporter(DelegateExecution execution) {
    execution.removeVariables(java.util.List.of(REPORTER_NAME, REPORTER_PHONE, REPORTER_GROUP, SMS_REFUSED));
  }
}
