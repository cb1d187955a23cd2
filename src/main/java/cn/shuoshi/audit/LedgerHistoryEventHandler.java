package cn.shuoshi.audit;

import java.util.List;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Where the engine's history goes, whatever the history level:
 * <ul>
 *   <li>user operations become the audit trail ({@link AuditTrail}) — the service's own append-only
 *       table, which no engine API can delete or annotate — instead of ACT_HI_OP_LOG;
 *   <li>a variable or form field holding a resident's personal data ({@link PersonalData}) is never
 *       written (a level such as {@code full} would otherwise keep the reporter's name and phone);
 *   <li>everything else goes to the engine's history tables as usual.
 * </ul>
 */
public class LedgerHistoryEventHandler implements HistoryEventHandler {

  private final DbHistoryEventHandler engineHistory = new DbHistoryEventHandler();
  private final AuditTrail trail;

  public LedgerHistoryEventHandler(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof UserOperationLogEntry operation) {
      trail.record(operation);
    } else if (!isPersonal(event)) {
      engineHistory.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private static boolean isPersonal(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return PersonalData.isPersonal(variable.getVariableName());
    }
    if (event instanceof HistoricFormPropertyEventEntity field) {
      return PersonalData.isPersonal(field.getPropertyId());
    }
    return false;
  }
}
