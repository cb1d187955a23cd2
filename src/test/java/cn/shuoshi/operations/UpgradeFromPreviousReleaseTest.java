package cn.shuoshi.operations;

import java.util.Map;

/**
 * The upgrade from release 4f307b7 (fixture {@code previous-release.sql}): the release before the
 * desk decision, which moved a complaint's village tasks to the town when each task was created.
 */
class UpgradeFromPreviousReleaseTest extends UpgradeFromRelease {

  UpgradeFromPreviousReleaseTest() {
    super("previous-release");
  }

  @Override
  Map<String, String> expectedStates() {
    return Map.ofEntries(Map.entry("classify", "CLASSIFYING"), Map.entry("village", "HANDLING"), Map.entry("town", "HANDLING"), Map.entry("county", "SIGNING_FOR"), Map.entry("verify", "VERIFYING"), Map.entry("feedback", "FEEDBACK"), Map.entry("rating", "REVIEWING"), Map.entry("overdue", "HANDLING"), Map.entry("timer", "CLOSED"), Map.entry("deliberation", "DELIBERATING"), Map.entry("duplicate", "MERGED"), Map.entry("extension", "EXTENSION_REVIEW"), Map.entry("complaint-classify", "CLASSIFYING"), Map.entry("complaint-feedback", "FEEDBACK"));
  }

  @Override
  Object[][] offered() {
    return new Object[][] {
        {"classify", "ls03_ganbu1", "UserTask_ClassifyMatter"}, {"classify", "ls03_ganbu2", "UserTask_ClassifyMatter"},
        {"village", "ls03_ganbu1", "UserTask_HandleMatter"},
        {"town", "ls_zhan", "UserTask_HandleMatter"},
        {"county", "yl_shuili", "UserTask_SignFor"},
        {"verify", "ls03_ganbu2", "UserTask_VerifyResult"},
        {"feedback", "ls03_ganbu1", "UserTask_FeedbackToResident"},
        {"rating", "ls03_shuji", "UserTask_ReviewSatisfaction"},
        {"overdue", "ls03_ganbu1", "UserTask_HandleMatter"}, {"overdue", "ls_jiwei", "UserTask_SuperviseOverdue"},
        {"deliberation", "ls03_shuji", "UserTask_BranchProposal"},
        {"extension", "ls_jiwei", "UserTask_ApproveExtension"},
        // The previous release moved a complaint's village tasks to the town's supervisors.
        {"complaint-classify", "ls_jiwei", "UserTask_ClassifyMatter"},
        {"complaint-feedback", "ls_jiwei", "UserTask_FeedbackToResident"}};
  }

  @Override
  Map<String, Map<String, Object>> sensitive() {
    return Map.of("complaint-classify", complaintClassification(), "complaint-feedback", complaintClassification());
  }
}
