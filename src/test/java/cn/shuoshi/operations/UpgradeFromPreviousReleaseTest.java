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
    return STATES_OF_EVERY_FIXTURE;
  }

  @Override
  Object[][] offered() {
    // The previous release moved a complaint's village tasks to the town's supervisors.
    return OFFERED_IN_EVERY_FIXTURE;
  }

  @Override
  Map<String, Map<String, Object>> sensitive() {
    return Map.of("complaint-classify", complaintClassification(), "complaint-feedback", complaintClassification());
  }
}
