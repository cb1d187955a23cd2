package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Values.UNIT_ESCALATED;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Still unfinished when the grace after the deadline ran out: the item is flagged for public notice
 * (通报) on the ledger and taken from the unit, to be escalated (催办 → 督办 → 通报).
 */
@Component("flagForPublicNotice")
public class FlagForPublicNotice implements JavaDelegate {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public FlagForPublicNotice(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(UNIT_RESULT, UNIT_ESCALATED);
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordPublicNotice(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.PUBLIC_NOTICE, execution.getVariable(UNIT_GROUP) + " 超过办理期限 " + execution.getVariable(DEADLINE_TEXT) + " 仍未办结"), clock.now());
  }
}
