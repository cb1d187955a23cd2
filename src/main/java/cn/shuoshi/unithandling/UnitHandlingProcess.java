package cn.shuoshi.unithandling;

import cn.shuoshi.matter.MatterProcess;

/** Ids of processes/unit-handling.bpmn: one unit handles an item with a deadline. */
public final class UnitHandlingProcess {

  public static final String KEY = MatterProcess.UNIT_HANDLING;

  public static final String DETERMINE_TIME_LIMITS = "BusinessRuleTask_DetermineTimeLimits";
  public static final String SIGN_FOR = "UserTask_SignFor";
  public static final String SIGN_FOR_LATE_TIMER = "BoundaryEvent_SignForLate";
  public static final String END_RETURNED = "EndEvent_Returned";
  public static final String HANDLING = "SubProcess_Handling";
  public static final String HANDLE_MATTER = "UserTask_HandleMatter";
  public static final String VERIFY_RESULT = "UserTask_VerifyResult";
  public static final String APPROVE_EXTENSION = "UserTask_ApproveExtension";
  public static final String REMIND_HANDLER_TIMER = "BoundaryEvent_RemindHandler";
  public static final String REMIND_HANDLER = "ServiceTask_RemindHandler";
  public static final String HANDLE_OVERDUE_TIMER = "BoundaryEvent_HandleOverdue";
  public static final String MARK_OVERDUE = "ServiceTask_MarkOverdue";
  public static final String SUPERVISE_OVERDUE = "UserTask_SuperviseOverdue";
  public static final String END_SUPERVISION_RECORDED = "EndEvent_SupervisionRecorded";
  public static final String ESCALATION_TIMER = "BoundaryEvent_EscalationDue";
  public static final String END_ESCALATED = "EndEvent_Escalated";
  public static final String END_HANDLED = "EndEvent_Handled";

  private UnitHandlingProcess() {}
}
