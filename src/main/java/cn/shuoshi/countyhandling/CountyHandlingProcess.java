package cn.shuoshi.countyhandling;

import cn.shuoshi.matter.MatterProcess;

/** Ids of processes/county-handling.bpmn: the county centre transfers, departments handle, the centre rules. */
public final class CountyHandlingProcess {

  public static final String KEY = MatterProcess.COUNTY_HANDLING;

  public static final String CENTRE_DISPATCH = "UserTask_CentreDispatch";
  public static final String LEAD_DEPARTMENT_HANDLES = "CallActivity_LeadDepartmentHandles";
  public static final String CO_HANDLER_REPORT = "UserTask_CoHandlerReport";
  public static final String RULE_ON_RETURN = "UserTask_RuleOnReturn";
  public static final String END_COUNTY_DONE = "EndEvent_CountyDone";

  private CountyHandlingProcess() {}
}
