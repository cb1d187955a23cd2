package cn.shuoshi.intake;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.deadline.EngineClock;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A resident raised an item that is already open: the new item is merged into it, its reporter joins
 * the original's reporters and is told the same result (the ledger copies the feedback to them).
 */
@Component("linkDuplicate")
public class LinkDuplicateDelegate implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public LinkDuplicateDelegate(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String duplicate = LedgerKey.of(execution);
    String original = ((String) execution.getVariable(DUPLICATE_OF)).strip();
    ledger.linkDuplicate(duplicate, original, clock.now());
    ledger.appendEvent(duplicate, "MERGED", null, "并入 " + original, clock.now());
    ledger.appendEvent(original, "LINKED", null, duplicate, clock.now());
    // The original's feedback form names everybody who is waiting for the answer.
    List<String> reporters = ledger.linkedReporters(original);
    execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(original).processDefinitionKey(cn.shuoshi.matter.MatterProcess.KEY).list()
        .forEach(p -> execution.getProcessEngineServices().getRuntimeService()
            .setVariable(p.getId(), LINKED_REPORTERS, String.join("、", reporters)));
  }
}
