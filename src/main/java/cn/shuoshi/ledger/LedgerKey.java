package cn.shuoshi.ledger;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The ledger row an execution or task may write: the item's number (the business key of the item's
 * process and of every process it calls) together with the item's own process instance — the top of
 * the call hierarchy. The ledger writes only where both match the row, so an instance that merely
 * claims an item's number (started elsewhere with a copied business key) cannot touch it.
 */
public record LedgerKey(String number, String itemInstanceId) {

  public static LedgerKey of(DelegateExecution execution) {
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
