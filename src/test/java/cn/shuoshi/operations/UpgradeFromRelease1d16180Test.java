package cn.shuoshi.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from release 1d16180 (fixture {@code release-1d16180.sql}), the release counties ran
 * before issue 16 moved decisions into gateways and DMN: its models leave the decisions to the old
 * beans (assessSatisfaction, reopenForRehandling, applyExtension, escalateLevel), which must keep
 * their meaning for its items, and its items' steps must write the ledger's decision column.
 */
class UpgradeFromRelease1d16180Test extends UpgradeFromRelease {

  /** Before the service started on the old database: ledger events after it were written by the current code. */
  final Instant upgradedAt = Instant.now();

  UpgradeFromRelease1d16180Test() {
    super("release-1d16180");
  }

  @Override
  Map<String, String> expectedStates() {
    Map<String, String> states = new java.util.HashMap<>(STATES_OF_EVERY_FIXTURE);
    states.putAll(Map.of("rehandling", "HANDLING", "rating-again", "REVIEWING", "extension-refused", "EXTENSION_REVIEW",
        "escalation", "HANDLING", "petition-classify", "CLASSIFYING"));
    return states;
  }

  @Override
  Object[][] offered() {
    // That release's desk decision gave a complaint to the town's discipline commission (as in every
    // fixture), a petition to the town's station.
    return java.util.stream.Stream.concat(java.util.Arrays.stream(OFFERED_IN_EVERY_FIXTURE), java.util.stream.Stream.of(
        new Object[] {"extension-refused", "ls_jiwei", "UserTask_ApproveExtension"},
        new Object[] {"rehandling", "ls03_ganbu1", "UserTask_HandleMatter"},
        new Object[] {"rating-again", "ls03_shuji", "UserTask_ReviewSatisfaction"},
        new Object[] {"escalation", "ls03_ganbu1", "UserTask_HandleMatter"},
        new Object[] {"escalation", "ls_jiwei", "UserTask_SuperviseOverdue"},
        new Object[] {"petition-classify", "ls_zhan", "UserTask_ClassifyMatter"})).toArray(Object[][]::new);
  }

  @Override
  Map<String, Map<String, Object>> sensitive() {
    return Map.of("complaint-classify", complaintClassification(), "complaint-feedback", complaintClassification(),
        // A petition (信访) is followed by the town's station.
        "petition-classify", Map.of("matterType", "PETITION", "handlingList", "HIGHER_LEVEL", "subject", "DISPUTE",
            "responsibleCadre", "ls_zhan"));
  }

  static final Map<String, Object> DISSATISFIED = Map.of("satisfaction", "DISSATISFIED",
      "satisfactionNote", "问题没有解决。");

  /** The item's handling level and deadline on the ledger. */
  Object[] ledger(String stage) throws Exception {
    try (Connection c = pg.connect();
        PreparedStatement s = c.prepareStatement("select handling_level, deadline from matter where matter_number = ?")) {
      s.setString(1, items.get(stage));
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as(stage).isTrue();
        return new Object[] {r.getString(1), r.getTimestamp(2)};
      }
    }
  }

  void step(String stage, String taskKey, Map<String, Object> form) {
    steps.computeIfAbsent(stage, s -> new ArrayList<>()).add(doors.completeOpen(items.get(stage), taskKey, form));
  }

  TreeSet<String> openTasks(String stage) {
    TreeSet<String> keys = new TreeSet<>();
    doors.tasks(items.get(stage)).forEach(t -> keys.add(t.path("taskDefinitionKey").asText()));
    return keys;
  }

  @Test
  @Order(25)
  void theOldDecisionStepsKeepTheirMeaning() throws Exception {
    // A first 不满意: the old assessSatisfaction and reopenForRehandling send it back to the village.
    step("rating", "UserTask_ReviewSatisfaction", DISSATISFIED);
    assertThat(openTasks("rating")).containsExactly("UserTask_HandleMatter");
    assertThat(doors.taskKeysSeenBy("ls03_ganbu1", items.get("rating"))).containsExactly("UserTask_HandleMatter");
    assertThat(doors.state(items.get("rating"))).isEqualTo("HANDLING");

    // A second 不满意 (the first happened before the upgrade): to the supervisors of its level (the town's).
    step("rating-again", "UserTask_ReviewSatisfaction", DISSATISFIED);
    assertThat(openTasks("rating-again")).containsExactly("UserTask_SupervisorReview");
    assertThat(doors.taskKeysSeenBy("ls_jiwei", items.get("rating-again"))).containsExactly("UserTask_SupervisorReview");
    for (String villageCadre : VILLAGE_CADRES) {
      assertThat(doors.taskKeysSeenBy(villageCadre, items.get("rating-again"))).as(villageCadre).isEmpty();
    }

    // Extension requests: the approved one moves the deadline, the refused one leaves it.
    Object[] approvedBefore = ledger("extension");
    step("extension", "UserTask_ApproveExtension", Map.of("extensionDecision", "APPROVED", "extensionNote", "同意延期。"));
    Object[] approvedAfter = ledger("extension");
    assertThat((Timestamp) approvedAfter[1]).as("the approved extension's deadline").isAfter((Timestamp) approvedBefore[1]);
    assertThat(openTasks("extension")).containsExactly("UserTask_HandleMatter");
    Object[] refusedBefore = ledger("extension-refused");
    step("extension-refused", "UserTask_ApproveExtension", Map.of("extensionDecision", "REFUSED", "extensionNote", "不同意延期。"));
    assertThat(ledger("extension-refused")[1]).as("the refused extension's deadline").isEqualTo(refusedBefore[1]);
    assertThat(openTasks("extension-refused")).containsExactly("UserTask_HandleMatter");

    // Past the grace: the escalation timer runs the old escalateLevel, the item goes to the town.
    assertThat(ledger("escalation")[0]).isEqualTo("VILLAGE");
    JsonNode escalation = null;
    for (JsonNode instance : doors.instances(items.get("escalation"))) {
      for (JsonNode job : doors.get(ServiceDoors.ADMIN, "/engine-rest/job?activityId=BoundaryEvent_EscalationDue"
          + "&processInstanceId=" + instance.path("id").asText())) {
        escalation = job;
      }
    }
    assertThat(escalation).as("the escalation timer of %s", items.get("escalation")).isNotNull();
    doors.execute(escalation);
    steps.computeIfAbsent("escalation", s -> new ArrayList<>()).add("job " + escalation.path("id").asText());
    assertThat(ledger("escalation")[0]).as("the escalated item's handling level").isEqualTo("TOWN");
    assertThat(openTasks("escalation")).containsExactly("UserTask_TownSignFor");
    assertThat(doors.taskKeysSeenBy("ls_zhan", items.get("escalation"))).containsExactly("UserTask_TownSignFor");
    assertThat(doors.taskKeysSeenBy("ls03_ganbu1", items.get("escalation"))).isEmpty();
  }

  /** The current models' steps that write a decision, with the form field it is taken from. */
  static Set<String> stepsWithADecision() throws Exception {
    Set<String> keys = new TreeSet<>();
    Pattern task = Pattern.compile("<bpmn:userTask id=\"([^\"]+)\"(.*?)</bpmn:userTask>", Pattern.DOTALL);
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = task.matcher(Files.readString(model));
        while (m.find()) {
          if (m.group(2).contains("name=\"ledgerDecision\"")) {
            keys.add(m.group(1));
          }
        }
      }
    }
    return keys;
  }

  @Test
  @Order(35)
  void theWorkedItemsHistoryHasTheirDecisions() throws Exception {
    Set<String> decided = stepsWithADecision();
    assertThat(decided).contains("UserTask_VerifyResult", "UserTask_ReviewSatisfaction", "UserTask_ApproveExtension");
    // stage -> "kind=decision" of its steps with a decision, in order
    Map<String, List<String>> decisions = new TreeMap<>();
    try (Connection c = pg.connect();
        PreparedStatement s = c.prepareStatement("select e.kind, e.decision, e.occurred_at, e.note from matter_event e "
            + "join matter m on m.id = e.matter_id where m.matter_number = ? order by e.occurred_at, e.id")) {
      for (Map.Entry<String, String> item : items.entrySet()) {
        s.setString(1, item.getValue());
        List<String> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String kind = r.getString(1);
            boolean afterUpgrade = r.getTimestamp(3).toInstant().isAfter(upgradedAt);
            // Migration V12 filled in the verification and the supervisors' review of earlier events.
            boolean backfilled = Set.of("UserTask_VerifyResult", "UserTask_SupervisorReview").contains(kind);
            if (decided.contains(kind) && (afterUpgrade || backfilled)) {
              assertThat(r.getString(2)).as("decision of %s's %s (%s)", item.getKey(), kind, r.getString(4)).isNotBlank();
            }
            if (r.getString(2) != null) {
              found.add(kind + "=" + r.getString(2));
            }
          }
        }
        decisions.put(item.getKey(), found);
      }
    }
    System.out.println("Decisions on the ledger: " + decisions);
    assertThat(decisions.get("verify")).contains("UserTask_VerifyResult=CONFIRMED");
    assertThat(decisions.get("feedback")).contains("UserTask_VerifyResult=CONFIRMED", "UserTask_ReviewSatisfaction=SATISFIED");
    assertThat(decisions.get("county")).contains("UserTask_SignFor=ACCEPT", "UserTask_VerifyResult=CONFIRMED");
    assertThat(decisions.get("town")).contains("UserTask_VerifyResult=CONFIRMED");
    assertThat(decisions.get("overdue")).contains("UserTask_SuperviseOverdue=URGE");
    assertThat(decisions.get("rating")).containsSubsequence("UserTask_ReviewSatisfaction=DISSATISFIED",
        "UserTask_VerifyResult=CONFIRMED", "UserTask_ReviewSatisfaction=SATISFIED");
    assertThat(decisions.get("rating-again")).containsSubsequence("UserTask_VerifyResult=CONFIRMED",
        "UserTask_VerifyResult=CONFIRMED", "UserTask_ReviewSatisfaction=DISSATISFIED", "UserTask_SupervisorReview=CLOSE");
    assertThat(decisions.get("extension")).contains("UserTask_ApproveExtension=APPROVED");
    assertThat(decisions.get("extension-refused")).contains("UserTask_ApproveExtension=REFUSED");
    assertThat(decisions.get("escalation")).contains("UserTask_TownSignFor=HANDLE", "UserTask_VerifyResult=CONFIRMED");
    assertThat(decisions.get("timer")).contains("UserTask_CheckCommitment=KEPT");
    assertThat(decisions.get("deliberation")).contains("UserTask_RepresentativesResolution=PASSED");
    assertThat(decisions.get("petition-classify")).contains("UserTask_TownSignFor=HANDLE");
  }
}
