package cn.shuoshi.matter;

/** Ids, keys and variable names of the {@code matter} process (processes/matter.bpmn), in one place. */
public final class MatterProcess {

  public static final String KEY = "matter";

  public static final String DECISION_TIME_LIMITS = "levelTimeLimits";
  public static final String DECISION_ROUTING = "matterRouting";
  public static final String DECISION_DESK = "matterDesk";

  /** The processes an item's work runs in; each carries the item's number as business key. */
  public static final String UNIT_HANDLING = "unitHandling";
  public static final String TOWN_HANDLING = "townHandling";
  public static final String COUNTY_HANDLING = "countyHandling";
  public static final String FOUR_DELIBERATIONS = "fourDeliberations";
  public static final java.util.Set<String> ALL_KEYS =
      java.util.Set.of(KEY, UNIT_HANDLING, TOWN_HANDLING, COUNTY_HANDLING, FOUR_DELIBERATIONS);

  /** Element ids of processes/matter.bpmn that code and tests touch. */
  public static final class Elements {
    public static final String START_MATTER_RAISED = "StartEvent_MatterRaised";
    public static final String RECORD_ON_SPOT_ANSWER = "ServiceTask_RecordOnSpotAnswer";
    public static final String END_ANSWERED_ON_SPOT = "EndEvent_AnsweredOnSpot";
    public static final String DETERMINE_DESK = "BusinessRuleTask_DetermineDesk";
    public static final String REGISTER_MATTER = "ServiceTask_RegisterMatter";
    public static final String CLASSIFY_MATTER = "UserTask_ClassifyMatter";
    public static final String LINK_DUPLICATE = "ServiceTask_LinkDuplicate";
    public static final String END_MERGED_INTO_OPEN_ITEM = "EndEvent_MergedIntoOpenItem";
    public static final String REVIEW_DESK = "BusinessRuleTask_ReviewDesk";
    public static final String ROUTE_MATTER = "BusinessRuleTask_RouteMatter";
    public static final String FOUR_DELIBERATIONS = "CallActivity_FourDeliberations";
    public static final String VILLAGE_HANDLING = "CallActivity_VillageHandling";
    public static final String TOWN_HANDLING = "CallActivity_TownHandling";
    public static final String COUNTY_HANDLING = "CallActivity_CountyHandling";
    public static final String ESCALATE_LEVEL = "ServiceTask_EscalateLevel";
    public static final String PUBLISH_RESULT = "UserTask_PublishResult";
    public static final String FEEDBACK_TO_RESIDENT = "UserTask_FeedbackToResident";
    public static final String REVIEW_SATISFACTION = "UserTask_ReviewSatisfaction";
    public static final String RATING_WAIT_OVER = "BoundaryEvent_RatingWaitOver";
    public static final String RECORD_UNRATED = "ServiceTask_RecordUnrated";
    public static final String SUPERVISOR_REVIEW = "UserTask_SupervisorReview";
    public static final String REOPEN_FOR_REHANDLING = "ServiceTask_ReopenForRehandling";
    public static final String RECORD_COMMITMENT = "ServiceTask_RecordCommitment";
    public static final String PROMISED_DATE_TIMER = "TimerEvent_PromisedDate";
    public static final String CHECK_COMMITMENT = "UserTask_CheckCommitment";
    public static final String END_RESOLVED = "EndEvent_Resolved";
    public static final String END_COMMITTED = "EndEvent_Committed";
    public static final String END_EXPLAINED = "EndEvent_Explained";

    private Elements() {}
  }

  /** Process variables: only what the process decides on or shows in its forms. */
  public static final class Vars {
    // register (start form; type and subject are asked again, and may change, at classification)
    public static final String VILLAGE_CODE = "villageCode";
    public static final String CHANNEL = "channel";
    public static final String REPORTER_NAME = "reporterName";
    public static final String REPORTER_PHONE = "reporterPhone";
    public static final String REPORTER_GROUP = "reporterGroup";
    /** 不接收短信: the resident gets no text messages (and no private link by text). */
    public static final String SMS_REFUSED = "smsRefused";
    public static final String CONFIDENTIAL = "confidential";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String ANSWERED_ON_SPOT = "answeredOnSpot";
    public static final String ON_SPOT_ANSWER = "onSpotAnswer";
    public static final String REGISTERED_BY = "registeredBy";
    /**
     * Transient (never stored), set on the item's instance once its registration form was checked:
     * the ledger registers only an instance that carries it (matter.StartFormValues).
     */
    public static final String REGISTRATION_CHECKED = "registrationFormChecked";
    // the desk (decision matterDesk): who follows the item, who records the rating
    public static final String DESK_ROLE = "deskRole";
    public static final String REVIEW_ROLE = "reviewRole";
    // set at registration
    public static final String MATTER_NUMBER = "matterNumber";
    public static final String VILLAGE_NAME = "villageName";
    public static final String CLASSIFY_DUE_DATE = "classifyDueDate";
    // classify
    public static final String MATTER_TYPE = "matterType";
    public static final String HANDLING_LIST = "handlingList";
    public static final String SUBJECT = "subject";
    public static final String RESPONSIBLE_CADRE = "responsibleCadre";
    public static final String REQUESTED_DEADLINE = "requestedDeadline";
    public static final String CLASSIFY_NOTE = "classifyNote";
    // time limits (DMN result) and deadline
    public static final String TIME_LIMITS = "timeLimits";
    public static final String HANDLING_DAYS = "handlingDays";
    public static final String REMINDER_HOURS = "reminderHours";
    public static final String DEADLINE = "deadline";
    public static final String DEADLINE_TEXT = "deadlineText";
    public static final String REMINDER_AT = "reminderAt";
    public static final String ESCALATE_AT = "escalateAt";
    public static final String SIGN_FOR_DUE = "signForDue";
    public static final String SIGN_FOR_DUE_TEXT = "signForDueText";
    public static final String MAX_EXTENSION_DAYS = "maxExtensionDays";
    public static final String COUNTS_WORKING_DAYS = "countsWorkingDays";
    public static final String EXTENSION_USED = "extensionUsed";
    // routing and levels
    public static final String ROUTE = "route";
    public static final String HANDLING_LEVEL = "handlingLevel";
    public static final String HANDLING_ROLE = "handlingRole";
    public static final String LEVEL_RESULT = "levelResult";
    public static final String UNIT_RESULT = "unitResult";
    public static final String UNIT_LEVEL = "unitLevel";
    public static final String UNIT_GROUP = "unitGroup";
    public static final String RETURN_ALLOWED = "returnAllowed";
    public static final String SIGN_FOR_DECISION = "signForDecision";
    public static final String RETURN_REASON = "returnReason";
    public static final String HANDLE_ACTION = "handleAction";
    public static final String EXTENSION_DAYS = "extensionDays";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String TOWN_DECISION = "townDecision";
    public static final String TOWN_NOTE = "townNote";
    public static final String PARTY_COMMITTEE_DECISION = "partyCommitteeDecision";
    public static final String PARTY_COMMITTEE_MEASURES = "partyCommitteeMeasures";
    public static final String LEAD_DEPARTMENT = "leadDepartment";
    public static final String LEAD_DEPARTMENT_NAME = "leadDepartmentName";
    public static final String CO_DEPARTMENTS = "coDepartments";
    public static final String CO_DEPARTMENT_GROUPS = "coDepartmentGroups";
    public static final String TRANSFER_NOTE = "transferNote";
    public static final String CO_REPORT = "coReport";
    public static final String RETURN_RULING = "returnRuling";
    public static final String NEW_LEAD_DEPARTMENT = "newLeadDepartment";
    public static final String RULING_NOTE = "rulingNote";
    public static final String RETURN_RULED = "returnRuled";
    // 四议两公开 and publication
    public static final String PROPOSAL = "proposal";
    public static final String DELIBERATION_PASSED = "deliberationPassed";
    public static final String DELIBERATION_NOTE = "deliberationNote";
    public static final String MEETING_DATE = "meetingDate";
    public static final String RESOLUTION_ADOPTED = "resolutionAdopted";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String PUBLISHED_WHERE = "publishedWhere";
    // duplicates and commitments
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String LINKED_REPORTER_COUNT = "linkedReporterCount";
    public static final String COMMITMENT_CHECK_AT = "commitmentCheckAt";
    public static final String COMMITMENT_KEPT = "commitmentKept";
    public static final String COMMITMENT_NOTE = "commitmentNote";
    // handle
    public static final String OUTCOME = "outcome";
    public static final String RESULT_SUMMARY = "resultSummary";
    public static final String PROMISED_DATE = "promisedDate";
    public static final String COMMITMENT_STEPS = "commitmentSteps";
    public static final String POLICY_BASIS = "policyBasis";
    public static final String HANDLED_BY = "handledBy";
    // verify
    public static final String VERIFICATION_RESULT = "verificationResult";
    public static final String VERIFICATION_NOTE = "verificationNote";
    // feedback
    public static final String FEEDBACK_METHOD = "feedbackMethod";
    public static final String FEEDBACK_DATE = "feedbackDate";
    public static final String FEEDBACK_NOTE = "feedbackNote";
    // review
    public static final String SATISFACTION = "satisfaction";
    public static final String SATISFACTION_NOTE = "satisfactionNote";
    public static final String DISSATISFIED_COUNT = "dissatisfiedCount";
    public static final String REVIEW_ROUTE = "reviewRoute";
    // supervision
    public static final String SUPERVISION_DUE = "supervisionDue";
    public static final String SUPERVISION_MEASURE = "supervisionMeasure";
    public static final String SUPERVISION_OPINION = "supervisionOpinion";
    public static final String SUPERVISOR_DECISION = "supervisorDecision";
    public static final String SUPERVISOR_OPINION = "supervisorOpinion";

    private Vars() {}
  }

  /** Option values the gateways read. */
  public static final class Values {
    public static final String LIST_VILLAGE = "VILLAGE";
    public static final String LIST_PUBLIC_MAJOR = "PUBLIC_MAJOR";
    public static final String LIST_HIGHER_LEVEL = "HIGHER_LEVEL";
    public static final String OUTCOME_RESOLVED = "RESOLVED";
    public static final String OUTCOME_COMMITTED = "COMMITTED";
    public static final String OUTCOME_EXPLAINED = "EXPLAINED";
    public static final String VERIFICATION_CONFIRMED = "CONFIRMED";
    public static final String VERIFICATION_REJECTED = "REJECTED";
    public static final String SATISFIED = "SATISFIED";
    public static final String BASICALLY_SATISFIED = "BASICALLY_SATISFIED";
    public static final String DISSATISFIED = "DISSATISFIED";
    public static final String ROUTE_CLOSE = "CLOSE";
    public static final String ROUTE_REHANDLE = "REHANDLE";
    public static final String ROUTE_SUPERVISORS = "SUPERVISORS";
    public static final String DECISION_CLOSE = "CLOSE";
    public static final String DECISION_REHANDLE = "REHANDLE";
    public static final String LEVEL_VILLAGE = "VILLAGE";
    public static final String LEVEL_TOWN = "TOWN";
    public static final String LEVEL_COUNTY = "COUNTY";
    public static final String RESULT_DONE = "DONE";
    public static final String RESULT_ESCALATE = "ESCALATE";
    public static final String UNIT_DONE = "DONE";
    public static final String UNIT_RETURNED = "RETURNED";
    public static final String UNIT_ESCALATED = "ESCALATED";
    public static final String SIGN_FOR_ACCEPT = "ACCEPT";
    public static final String SIGN_FOR_RETURN = "RETURN";
    public static final String ACTION_RESULT = "RESULT";
    public static final String ACTION_EXTENSION = "EXTENSION";
    public static final String EXTENSION_APPROVED = "APPROVED";
    public static final String RULING_REROUTE = "REROUTE";
    public static final String RULING_ORDER_HANDLE = "ORDER_HANDLE";
    public static final String PASSED = "PASSED";
    public static final String COMMITMENT_KEPT = "KEPT";

    private Values() {}
  }

  private MatterProcess() {}
}
