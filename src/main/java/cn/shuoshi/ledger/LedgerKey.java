package cn.shuoshi.ledger;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The ledger row an execution or task may write: the item's number (the business key of the item's
 * process and of every process it calls) together with the item's own process instance — the top of
 * the call hierarchy. The ledger writes only where both match the row, so an instance that merely
 * claims an item's number (started elsewhere with a copied business key) cannot touch it.
 */
public record LedgerKey(String number, String itemInstanceId) {

  public static LedgerKey of(DelegateExecution execution) {
    // The engine keeps the top of the call hierarchy on every execution (ACT_RU_EXECUTION.ROOT_PROC_INST_ID_):
    // walking up to it instead loaded each instance's whole execution tree, several times a step.
    if (execution instanceof ExecutionEntity entity && entity.getRootProcessInstanceId() != null) {
      return new LedgerKey(execution.getProcessBusinessKey(), entity.getRootProcessInstanceId());
    }
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return new LedgerKey(execution.getProcessBusinessKey(), instance.getId());
  }

  public static LedgerKey of(DelegateTask task) {
    return of(task.getExecution());
  }

  @Override
  public String toString() {
    return number;
  }
}
