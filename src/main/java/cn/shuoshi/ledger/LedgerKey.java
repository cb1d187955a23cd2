package cn.shuoshi.ledger;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** The ledger row of the item an execution or task works on: its number is the business key. */
public final class LedgerKey {

  private LedgerKey() {}

  public static String of(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  public static String of(DelegateTask task) {
    return task.getExecution().getProcessBusinessKey();
  }
}
