package cn.shuoshi.speakingday;

/** Ids and variable names of processes/speaking-day.bpmn, in one place. */
public final class SpeakingDay {

  public static final String KEY = "speakingDay";
  public static final String FORM = "speaking-day-meeting";

  public static final String START_TIMER = "StartEvent_SpeakingDayTimer";
  public static final String FIND_VILLAGES = "ServiceTask_FindVillagesMeetingToday";
  public static final String VILLAGE_MEETING = "SubProcess_VillageMeeting";
  public static final String REPORT_LAST_MONTH = "ServiceTask_ReportLastMonth";
  public static final String HOLD_MEETING = "UserTask_HoldSpeakingMeeting";
  public static final String END_NO_MEETING = "EndEvent_NoSpeakingDayToday";

  // set by FIND_VILLAGES
  public static final String VILLAGE_CODES = "villageCodes";
  public static final String SPEAKING_DATE = "speakingDate";
  public static final String MEETING_DUE = "meetingDue";
  // per village (element variable and REPORT_LAST_MONTH, local to the village's sub-process)
  public static final String VILLAGE_CODE = "villageCode";
  public static final String VILLAGE_NAME = "villageName";
  public static final String REPORTED_MONTH = "reportedMonth";
  public static final String LAST_MONTH_CLOSED = "lastMonthClosed";
  public static final String LAST_MONTH_OPEN = "lastMonthOpen";
  public static final String LAST_MONTH_OVERDUE = "lastMonthOverdue";
  // the meeting form
  public static final String HELD_ON = "heldOn";
  public static final String ATTENDANCE = "attendance";
  public static final String MEETING_NOTE = "meetingNote";

  private SpeakingDay() {}
}
