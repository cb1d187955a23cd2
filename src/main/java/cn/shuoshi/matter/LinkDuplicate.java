package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A resident raised an item that is already open: the new item is merged into it, its reporter joins
 * the original's reporters and is told the same result (the ledger copies the feedback to them).
 */
@Component("linkDuplicate")
public class LinkDuplicate implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public LinkDuplicate(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String original = (Variable.text(execution, DUPLICATE_OF)).strip();
    int waiting = ledger.linkDuplicate(LedgerKey.of(execution), original, clock.now());
    // The original's feedback form tells how many more residents wait for the answer; who they are
    // stays in the ledger (the engine holds no resident's name).
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(original).processDefinitionKey(MatterProcess.KEY)
        .list().forEach(p -> runtime.setVariable(p.getId(), LINKED_REPORTER_COUNT, waiting));
  }
}
