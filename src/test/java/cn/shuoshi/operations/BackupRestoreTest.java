package cn.shuoshi.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.reliability.cluster.PrivatePostgres;
import cn.shuoshi.reliability.cluster.ServiceNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore as docs/OPERATIONS.md says, with its commands run as written (the block after
 * "backup-commands"): a packaged service on PostgreSQL with items, open tasks and pending timers is
 * dumped while it runs, the dump is restored into a fresh database, a second service starts on it,
 * and the same items, tasks (same candidates and assignees) and timers (same due dates) are there;
 * an item is then finished on the restored service.
 */
@Tag("operations")
class BackupRestoreTest {

  static PrivatePostgres pg;
  static final List<ServiceNode> nodes = new ArrayList<>();

  @AfterAll
  static void stop() {
    nodes.forEach(ServiceNode::close);
    if (pg != null) {
      pg.close();
    }
  }

  static ServiceNode startNode(String name, String database) throws Exception {
    ServiceNode node = new ServiceNode(name, PrivatePostgres.freePort(18400 + nodes.size() * 10), ServiceNode.jar(),
        Map.of("SHUOSHI_DB_URL", pg.jdbcUrl(database), "SHUOSHI_DB_USER", "postgres",
            // Trust authentication ignores it; the postgres profile refuses to start without one.
            "SHUOSHI_DB_PASSWORD", "unused-trust-auth", "SHUOSHI_DB_POOL", "8"),
        true, List.of());
    nodes.add(node);
    node.start();
    node.awaitUp(Duration.ofMinutes(4));
    return node;
  }

  /** The code block of docs/OPERATIONS.md after the "backup-commands" marker. */
  static String documentedCommands() throws Exception {
    String doc = Files.readString(Path.of("docs/OPERATIONS.md"));
    int marker = doc.indexOf("<!-- backup-commands");
    assertThat(marker).as("docs/OPERATIONS.md has the backup commands").isPositive();
    int start = doc.indexOf("```bash\n", marker) + "```bash\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  /** Runs the documented commands with bash, libpq's variables pointing at the private cluster. */
  static String runDocumented(Path workDir) throws Exception {
    ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", documentedCommands())
        .directory(workDir.toFile()).redirectErrorStream(true);
    bash.environment().put("PGHOST", "127.0.0.1");
    bash.environment().put("PGPORT", String.valueOf(pg.port));
    bash.environment().put("PGUSER", "postgres");
    // The client programs of the cluster's own PostgreSQL version first.
    bash.environment().put("PATH", PrivatePostgres.BIN + ":" + System.getenv("PATH"));
    Process p = bash.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("the documented commands: %s", out).isZero();
    return out;
  }

  /** What must survive: per item, its ledger state, open tasks (with who may do them) and timers. */
  static Map<String, Object> snapshot(ServiceDoors doors, List<String> numbers) {
    Map<String, Object> all = new TreeMap<>();
    for (String number : numbers) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("state", doors.state(number));
      TreeSet<String> tasks = new TreeSet<>();
      for (JsonNode task : doors.tasks(number)) {
        TreeSet<String> candidates = new TreeSet<>();
        doors.get(ServiceDoors.ADMIN, "/engine-rest/task/" + task.path("id").asText() + "/identity-links")
            .forEach(l -> candidates.add(l.path("type").asText() + ":" + l.path("groupId").asText(l.path("userId").asText())));
        tasks.add(task.path("id").asText() + " " + task.path("taskDefinitionKey").asText() + " assignee="
            + task.path("assignee").asText() + " due=" + task.path("due").asText() + " " + candidates);
      }
      item.put("tasks", tasks);
      TreeSet<String> timers = new TreeSet<>();
      for (JsonNode job : doors.jobs(number)) {
        timers.add(job.path("id").asText() + " " + doors.get(ServiceDoors.ADMIN, "/engine-rest/job-definition/"
            + job.path("jobDefinitionId").asText()).path("activityId").asText() + " due=" + job.path("dueDate").asText());
      }
      item.put("timers", timers);
      all.put(number, item);
    }
    return all;
  }

  @Test
  void aDumpTakenWhileTheServiceRunsRestoresItemsTasksAndTimers() throws Exception {
    pg = PrivatePostgres.start();
    ServiceNode original = startNode("backup-original", "shuoshi");
    ServiceDoors doors = new ServiceDoors(original.base());

    // Items in several stages: to classify, in handling (reminder, overdue and escalation timers),
    // fed back and rated with a commitment (its promised-date timer).
    List<String> numbers = new ArrayList<>();
    String toClassify = doors.register("ls03_ganbu1", "备份-待分类");
    numbers.add(toClassify);
    String inHandling = doors.register("ls03_ganbu1", "备份-办理中");
    doors.complete(doors.tasks(inHandling).get(0), false);
    numbers.add(inHandling);
    String toVerify = doors.register("ls03_ganbu1", "备份-待核实");
    doors.complete(doors.tasks(toVerify).get(0), false);
    doors.complete(doors.tasks(toVerify).get(0), false);
    numbers.add(toVerify);

    Map<String, Object> before = snapshot(doors, numbers);
    assertThat(before.toString()).contains("UserTask_ClassifyMatter", "UserTask_HandleMatter", "UserTask_VerifyResult",
        "BoundaryEvent_HandleOverdue", "BoundaryEvent_RemindHandler");

    Path work = Files.createTempDirectory("shuoshi-backup-");
    runDocumented(work);
    assertThat(work.resolve("shuoshi.dump")).isNotEmptyFile();

    // The original is gone; a new service starts on the restored copy.
    original.close();
    ServiceNode restored = startNode("backup-restored", "shuoshi_restored");
    ServiceDoors after = new ServiceDoors(restored.base());
    assertThat(snapshot(after, numbers)).isEqualTo(before);

    // ... and work goes on there: an item is finished.
    List<String> steps = after.workToEnd(inHandling);
    assertThat(steps).isNotEmpty();
    assertThat(after.state(inHandling)).isEqualTo("CLOSED");
    Files.deleteIfExists(work.resolve("shuoshi.dump"));
    Files.deleteIfExists(work);
  }
}
