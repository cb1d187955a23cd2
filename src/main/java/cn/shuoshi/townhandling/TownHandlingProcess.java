package cn.shuoshi.townhandling;

import cn.shuoshi.matter.MatterProcess;

/** Ids of processes/town-handling.bpmn: the town signs for, decides, handles or passes it up. */
public final class TownHandlingProcess {

  public static final String KEY = MatterProcess.TOWN_HANDLING;

  public static final String TOWN_SIGN_FOR = "UserTask_TownSignFor";
  public static final String PARTY_COMMITTEE_DECISION = "UserTask_PartyCommitteeDecision";
  public static final String TOWN_UNIT_HANDLES = "CallActivity_TownUnitHandles";
  public static final String END_TOWN_DONE = "EndEvent_TownDone";
  public static final String END_PASSED_TO_COUNTY = "EndEvent_PassedToCounty";

  private TownHandlingProcess() {}
}
