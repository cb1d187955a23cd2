package cn.shuoshi.deliberation;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The villager representatives adopted the resolution and it was published (第一公开). */
@Component("recordResolution")
public class RecordResolution implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RecordResolution(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(RESOLUTION_ADOPTED, true);
    ledger.appendEvent(LedgerKey.of(execution), LedgerEvent.of(LedgerEvent.Kind.RESOLUTION_PUBLISHED, execution.getVariable(PUBLISHED_AT) + " " + execution.getVariable(PUBLISHED_WHERE)), clock.now());
  }
}
