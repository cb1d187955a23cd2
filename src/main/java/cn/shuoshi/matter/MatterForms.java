package cn.shuoshi.matter;

/** Ids of the Camunda Forms in {@code forms/} that belong to the {@code matter} process. */
public final class MatterForms {

  public static final String REGISTER = "matter-register";
  public static final String CLASSIFY = "matter-classify";
  public static final String HANDLE = "matter-handle";
  public static final String VERIFY = "matter-verify";
  public static final String FEEDBACK = "matter-feedback";
  public static final String REVIEW = "matter-review";
  public static final String SUPERVISE = "matter-supervise";
  public static final String SUPERVISOR_REVIEW = "matter-supervisor-review";
  public static final String SIGN_FOR = "matter-sign-for";
  public static final String APPROVE_EXTENSION = "matter-approve-extension";
  public static final String TOWN_SIGN_FOR = "matter-town-sign-for";
  public static final String PARTY_COMMITTEE = "matter-party-committee";
  public static final String COUNTY_DISPATCH = "matter-county-dispatch";
  public static final String CO_REPORT = "matter-co-report";
  public static final String RETURN_RULING = "matter-return-ruling";
  public static final String BRANCH_PROPOSAL = "matter-branch-proposal";
  public static final String DELIBERATION = "matter-deliberation";
  public static final String PUBLICATION = "matter-publication";
  public static final String CHECK_COMMITMENT = "matter-check-commitment";

  private MatterForms() {}
}
