package cn.shuoshi.deliberation;

import cn.shuoshi.matter.MatterProcess;

/** Ids of processes/four-deliberations.bpmn: 四议两公开 for public major matters. */
public final class FourDeliberationsProcess {

  public static final String KEY = MatterProcess.FOUR_DELIBERATIONS;

  public static final String BRANCH_PROPOSAL = "UserTask_BranchProposal";
  public static final String TWO_COMMITTEE_DISCUSSION = "UserTask_TwoCommitteeDiscussion";
  public static final String PARTY_MEMBERS_REVIEW = "UserTask_PartyMembersReview";
  public static final String REPRESENTATIVES_RESOLUTION = "UserTask_RepresentativesResolution";
  public static final String PUBLISH_RESOLUTION = "UserTask_PublishResolution";
  public static final String END_RESOLUTION_ADOPTED = "EndEvent_ResolutionAdopted";
  public static final String END_PROPOSAL_REJECTED = "EndEvent_ProposalRejected";

  private FourDeliberationsProcess() {}
}
