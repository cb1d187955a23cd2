package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.model.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The reminder before the deadline: recorded on the ledger, where the handler's list shows it. */
@Component("remindHandler")
public class RemindHandler implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RemindHandler.class);

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public RemindHandler(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.recordReminder(number, clock.now());
    String due = EngineClock.display(Variable.date(execution, DEADLINE));
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.REMINDED, "办理期限：" + due), clock.now());
    LOG.info("Reminded {} of item {} due {}", execution.getVariable(RESPONSIBLE_CADRE),
        execution.getVariable(MATTER_NUMBER), due);
  }
}
