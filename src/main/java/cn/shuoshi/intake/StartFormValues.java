package cn.shuoshi.intake;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.ledger.LedgerRepository.NewMatter;
import cn.shuoshi.organisation.OrgDirectory;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Reads what the registration form put into a new process instance. */
final class StartFormValues {

  private StartFormValues() {}

  static NewMatter read(DelegateExecution execution, OrgDirectory org, Instant now) {
    String village = (String) execution.getVariable(VILLAGE_CODE);
    return new NewMatter(
        execution.getProcessInstanceId(),
        village,
        org.townOf(village),
        (String) execution.getVariable(CHANNEL),
        (String) execution.getVariable(REPORTER_NAME),
        (String) execution.getVariable(REPORTER_PHONE),
        (String) execution.getVariable(REPORTER_GROUP),
        Boolean.TRUE.equals(execution.getVariable(CONFIDENTIAL)),
        (String) execution.getVariable(TITLE),
        (String) execution.getVariable(DESCRIPTION),
        (String) execution.getVariable(REGISTERED_BY),
        now,
        (String) execution.getVariable(MATTER_TYPE),
        (String) execution.getVariable(SUBJECT),
        (String) execution.getVariable(DESK_ROLE));
  }

  /** Reporter details live in the service's tables only, not in process variables. */
  static void forgetReporter(DelegateExecution execution) {
    execution.removeVariables(java.util.List.of(REPORTER_NAME, REPORTER_PHONE, REPORTER_GROUP));
  }
}
