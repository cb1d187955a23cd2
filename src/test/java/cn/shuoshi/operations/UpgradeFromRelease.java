package cn.shuoshi.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.reliability.cluster.PrivatePostgres;
import cn.shuoshi.reliability.cluster.ServiceNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The current packaged service started on the database of a release that counties ran (a fixture in
 * src/test/resources/upgrade, see its README) with items waiting in every stage of that release's
 * models: the schema is upgraded, every old item is still on the ledger with its task offered to the
 * same cadres, and every old item is worked to its end through the service's public doors. One
 * subclass per release; PostgreSQL only (a private cluster); needs {@code target/shuoshi-*.jar}.
 */
@Tag("operations")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UpgradeFromRelease {

  static final Path FIXTURES = Path.of("src/test/resources/upgrade");
  static final Set<String> VILLAGE_CADRES = Set.of("ls03_ganbu1", "ls03_ganbu2", "ls03_shuji");

  final Path fixture;
  final Path itemsFile;
  PrivatePostgres pg;
  ServiceNode node;
  ServiceDoors doors;
  final Map<String, String> items = new LinkedHashMap<>();
  /** The steps each old item was worked through after the upgrade, in order. */
  final Map<String, List<String>> steps = new LinkedHashMap<>();

  /** {@code name}: the fixture's files {@code name.sql} and {@code name-items.txt}. */
  UpgradeFromRelease(String name) {
    this.fixture = FIXTURES.resolve(name + ".sql");
    this.itemsFile = FIXTURES.resolve(name + "-items.txt");
  }

  /** The ledger state of each stage's item right after the upgrade. */
  abstract Map<String, String> expectedStates();

  /** [stage, cadre, a task they find]: the assignee or the candidate groups of the old models. */
  abstract Object[][] offered();

  /** The stages every fixture has, and their ledger state right after the upgrade. */
  static final Map<String, String> STATES_OF_EVERY_FIXTURE = Map.ofEntries(Map.entry("classify", "CLASSIFYING"),
      Map.entry("village", "HANDLING"), Map.entry("town", "HANDLING"), Map.entry("county", "SIGNING_FOR"),
      Map.entry("verify", "VERIFYING"), Map.entry("feedback", "FEEDBACK"), Map.entry("rating", "REVIEWING"),
      Map.entry("overdue", "HANDLING"), Map.entry("timer", "CLOSED"), Map.entry("deliberation", "DELIBERATING"),
      Map.entry("duplicate", "MERGED"), Map.entry("extension", "EXTENSION_REVIEW"),
      Map.entry("complaint-classify", "CLASSIFYING"), Map.entry("complaint-feedback", "FEEDBACK"));

  /** Who finds which task in the stages every fixture has (a complaint's tasks are the town's in both). */
  static final Object[][] OFFERED_IN_EVERY_FIXTURE = {
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
      {"complaint-classify", "ls_jiwei", "UserTask_ClassifyMatter"},
      {"complaint-feedback", "ls_jiwei", "UserTask_FeedbackToResident"}};

  /**
   * The stages of items the village must never see (petitions, complaints about a cadre), each with
   * its classification.
   */
  abstract Map<String, Map<String, Object>> sensitive();

  static Map<String, Object> complaintClassification() {
    return ServiceDoors.form("UserTask_ClassifyMatter", true);
  }

  @BeforeAll
  void restoreTheOldDatabaseAndStartTheCurrentJar() throws Exception {
    for (String line : Files.readAllLines(itemsFile)) {
      String[] parts = line.trim().split("\\s+");
      items.put(parts[0], parts[1]);
    }
    pg = PrivatePostgres.start();
    List<String> psql = new ArrayList<>(pg.client("psql", "shuoshi"));
    psql.addAll(List.of("-q", "-v", "ON_ERROR_STOP=1", "-f", fixture.toAbsolutePath().toString()));
    PrivatePostgres.run(psql, 180);
    node = new ServiceNode("upgrade", PrivatePostgres.freePort(18300), ServiceNode.jar(), environment(pg), false,
        // Timers wait for the test to fire them (as an administrator would), not for the clock.
        List.of("--camunda.bpm.job-execution.enabled=false"));
    node.start();
    node.awaitUp(Duration.ofMinutes(4));
    doors = new ServiceDoors(node.base());
  }

  static Map<String, String> environment(PrivatePostgres pg) {
    return Map.of("SHUOSHI_DB_URL", pg.jdbcUrl(), "SHUOSHI_DB_USER", "postgres",
        // Trust authentication ignores it; the postgres profile refuses to start without one.
        "SHUOSHI_DB_PASSWORD", "unused-trust-auth", "SHUOSHI_DB_POOL", "8");
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @Order(10)
  void theSchemaIsUpgraded() throws Exception {
    TreeSet<String> migrations = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/postgresql"))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .forEach(n -> migrations.add(n.substring(1, n.indexOf("__"))));
    }
    // Java migrations (the engine history's personal data, the old items' stale form options) run as well.
    for (Class<?> java : List.of(cn.shuoshi.audit.V6__ForgetResidentsInEngineHistory.class,
        cn.shuoshi.audit.V11__ForgetObsoleteFormOptions.class)) {
      migrations.add(java.getSimpleName().replaceAll("V(\\d+)__.*", "$1"));
    }
    try (Connection c = pg.connect()) {
      TreeSet<String> applied = new TreeSet<>();
      try (ResultSet r = c.createStatement().executeQuery(
          "select version, success from shuoshi_schema_history where version is not null")) {
        while (r.next()) {
          assertThat(r.getBoolean("success")).as("migration V%s", r.getString("version")).isTrue();
          applied.add(r.getString("version"));
        }
      }
      assertThat(applied).as("every migration of the current release, the old ones kept").isEqualTo(migrations);
      try (ResultSet r = c.createStatement().executeQuery(
          "select count(*) from act_ru_variable where name_ = 'departmentOptions'")) {
        r.next();
        assertThat(r.getLong(1)).as("the old items' stale copies of the departments are gone").isZero();
      }
      try (ResultSet r = c.createStatement().executeQuery(
          "select version_ from act_ge_schema_log order by cast(id_ as integer) desc limit 1")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).as("engine schema").isEqualTo(ProductPropertiesUtil.getProductVersion()
            .replace("-SNAPSHOT", ""));
      }
      // Processes started by a timer (speaking day, monthly close-out) start on the new version only:
      // one start timer each, on its latest version, none left on the old one.
      try (ResultSet r = c.createStatement().executeQuery("select d.key_, d.version_, (select max(version_) "
          + "from act_re_procdef l where l.key_ = d.key_) as latest from act_ru_job j join act_re_procdef d "
          + "on d.id_ = j.process_def_id_ where j.handler_type_ = 'timer-start-event'")) {
        java.util.List<String> keys = new ArrayList<>();
        while (r.next()) {
          keys.add(r.getString(1));
          assertThat(r.getInt(2)).as("start timer of %s", r.getString(1)).isEqualTo(r.getInt(3));
        }
        assertThat(keys).isNotEmpty().doesNotHaveDuplicates();
      }
      // The current models are deployed next to the old ones; the old items stay on version 1.
      try (ResultSet r = c.createStatement().executeQuery(
          "select max(version_) from act_re_procdef where key_ = 'matter'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).as("a new version of matter").isGreaterThan(1);
      }
    }
  }

  @Test
  @Order(20)
  void everyOldItemIsOnTheLedgerWithItsTaskOfferedToTheSameCadres() {
    Map<String, String> states = new LinkedHashMap<>();
    items.forEach((stage, number) -> states.put(stage, doors.state(number)));
    assertThat(states).containsExactlyInAnyOrderEntriesOf(expectedStates());

    for (Object[] o : offered()) {
      assertThat(doors.taskKeysSeenBy((String) o[1], items.get((String) o[0])))
          .as("%s's tasks of the %s item", o[1], o[0]).contains((String) o[2]);
    }
    // ... and not to a cadre of another village, nor the county department to the town's.
    assertThat(doors.taskKeysSeenBy("ls04_ganbu1", items.get("classify"))).isEmpty();
    assertThat(doors.taskKeysSeenBy("yl_shuili", items.get("town"))).isEmpty();
    for (String complaint : sensitive().keySet()) {
      for (String villageCadre : VILLAGE_CADRES) {
        assertThat(doors.taskKeysSeenBy(villageCadre, items.get(complaint))).as(villageCadre + ", " + complaint).isEmpty();
      }
    }
    assertComplaintsOffTheVillageLedger();

    // Each old task's form opens for its cadre (the current forms, with what the service adds to them).
    items.forEach((stage, number) -> doors.tasks(number).forEach(task -> {
      String cadre = doors.doers(task).get(0);
      ServiceDoors.Answer form = doors.call(cadre, "GET", "/engine-rest/task/" + task.path("id").asText()
          + "/form-variables", null);
      assertThat(form.status()).as("%s opens %s of the %s item: %s", cadre, task.path("taskDefinitionKey").asText(),
          stage, form.body()).isEqualTo(200);
      assertThat(form.json().has("matterNumber")).as("%s form shows the item", stage).isTrue();
    }));

    // The merged duplicate's reporter: no longer named in the engine (migration V6), still counted on
    // the feedback form, which asks the cadre to answer every resident who reported it.
    String feedbackItem = items.get("feedback");
    JsonNode matter = null;
    for (JsonNode instance : doors.instances(feedbackItem)) {
      if (instance.path("definitionId").asText().startsWith("matter:")) {
        matter = instance;
      }
    }
    assertThat(doors.get(ServiceDoors.ADMIN, "/engine-rest/process-instance/" + matter.path("id").asText()
        + "/variables").has("linkedReporters")).isFalse();
    JsonNode feedbackTask = doors.tasks(feedbackItem).get(0);
    assertThat(doors.get("ls03_ganbu1", "/engine-rest/task/" + feedbackTask.path("id").asText() + "/form-variables")
        .path("linkedReporterCount").path("value").asInt()).isEqualTo(1);

    // The commitment's timer waits with its old due date.
    List<JsonNode> timers = doors.jobs(items.get("timer"));
    assertThat(timers).extracting(j -> j.path("dueDate").asText()).hasSize(1).allMatch(d -> !d.isEmpty());
  }

  @Test
  @Order(30)
  void everyOldItemIsWorkedToItsEnd() {
    items.forEach((stage, number) -> steps.computeIfAbsent(stage, s -> new ArrayList<>()).addAll(
        sensitive().containsKey(stage)
            ? doors.workToEnd(number, Map.of("UserTask_ClassifyMatter", sensitive().get(stage)), VILLAGE_CADRES)
            : doors.workToEnd(number)));
    System.out.println("Old items worked to their end: " + steps);
    items.forEach((stage, number) -> {
      assertThat(doors.instances(number)).as(stage).isEmpty();
      assertThat(doors.state(number)).as(stage).isEqualTo("duplicate".equals(stage) ? "MERGED" : "CLOSED");
    });
    assertThat(steps.get("timer")).first().asString().startsWith("job ");
    assertThat(steps.get("timer")).last().asString().startsWith("UserTask_CheckCommitment");
    assertComplaintsOffTheVillageLedger();
    assertThat(steps.get("deliberation")).anyMatch(step -> step.startsWith("UserTask_PublishResult"));
    assertThat(steps.get("extension")).first().asString().startsWith("UserTask_ApproveExtension");
    assertThat(steps.get("county")).first().asString().startsWith("UserTask_SignFor by yl_shuili");
  }

  /** Petitions and complaints about a cadre: on the town's ledger, never on the village's. */
  void assertComplaintsOffTheVillageLedger() {
    List<String> complaints = sensitive().keySet().stream().map(items::get).toList();
    assertThat(doors.ledgerNumbers("ls_jiwei", "LS")).containsAll(complaints);
    assertThat(doors.ledgerNumbers("ls03_ganbu2", "LS03")).contains(items.get("village")).doesNotContainAnyElementsOf(complaints);
  }

  @Test
  @Order(40)
  void aNewItemTakesTheCurrentModels() {
    String number = doors.register("ls03_ganbu1", "升级后登记的事项");
    JsonNode instance = doors.instances(number).get(0);
    assertThat(instance.path("definitionId").asText()).doesNotStartWith("matter:1:");
    List<String> steps = doors.workToEnd(number);
    assertThat(steps).isNotEmpty();
    assertThat(doors.state(number)).isEqualTo("CLOSED");
  }
}
