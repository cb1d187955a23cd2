package cn.shuoshi.audit;

import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * The engine history the service keeps ({@code camunda.bpm.history-level: ledger}): what Cockpit's
 * supervisors and operators need — process instances, activities, tasks, incidents, batches — and the
 * user operation log, which {@link LedgerHistoryEventHandler} turns into the audit trail. No variable
 * values, no form fields, no job log, no decision inputs: the ledger (the service's own tables) is the
 * lasting record of what was decided, and residents' data never enter the engine's history.
 *
 * <p>Of the activities, those an item waits in or passes as an event (tasks, call activities,
 * sub-processes, start, end, timer and message events) are kept; the steps it only passes through —
 * gateways, service and business-rule tasks — are not: what they decide (desk, routing, deadline,
 * escalation) is on the ledger, and they were two thirds of an item's engine history.
 */
public class LedgerHistoryLevel implements HistoryLevel {

  public static final String NAME = "ledger";
  /** Stored in ACT_GE_PROPERTY; clear of Camunda's own levels (0–3). */
  public static final int ID = 20;

  private static final Set<HistoryEventType> PRODUCED = Set.of(
      HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
      HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
      HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
      HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE, HistoryEventTypes.ACTIVITY_INSTANCE_END,
      HistoryEventTypes.TASK_INSTANCE_CREATE, HistoryEventTypes.TASK_INSTANCE_UPDATE,
      HistoryEventTypes.TASK_INSTANCE_MIGRATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
      HistoryEventTypes.TASK_INSTANCE_DELETE,
      HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_MIGRATE, HistoryEventTypes.INCIDENT_DELETE,
      HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_UPDATE,
      HistoryEventTypes.BATCH_START, HistoryEventTypes.BATCH_END, HistoryEventTypes.BATCH_UPDATE,
      HistoryEventTypes.USER_OPERATION_LOG);

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** The activity types an item only passes through ({@code BpmnProperties.TYPE}). */
  private static final Set<String> PASSED_THROUGH = Set.of(
      "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway",
      "serviceTask", "businessRuleTask", "scriptTask", "sendTask", "task");

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (!PRODUCED.contains(eventType)) {
      return false;
    }
    if (isActivityEvent(eventType) && entity instanceof ExecutionEntity execution) {
      ActivityImpl activity = execution.getActivity();
      return activity == null || !PASSED_THROUGH.contains(activity.getProperties().get(BpmnProperties.TYPE));
    }
    return true;
  }

  private static boolean isActivityEvent(HistoryEventType eventType) {
    return eventType == HistoryEventTypes.ACTIVITY_INSTANCE_START || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_END
        || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE;
  }
}
