package cn.shuoshi.closeout;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task of processes/monthly-close-out.bpmn: strikes off this month's finished items. */
@Component("closeOutFinishedItems")
public class CloseOutFinishedItems implements JavaDelegate {

  private final CloseOut closeOut;

  public CloseOutFinishedItems(CloseOut closeOut) {
    this.closeOut = closeOut;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("closedOutCount", closeOut.closeOutFinishedItems());
  }
}
