package cn.shuoshi.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A packaged service's public doors as its users use them: the intake API and the engine's REST API,
 * with the demo organisation's cadres (password "demo"; the administrator is "demo" too). Works an
 * item to its end the way the cadres would: each open task is done by a cadre it is offered to, with
 * the form values a cadre would enter; a waiting timer is executed by the administrator.
 */
final class ServiceDoors {

  static final String ADMIN = "demo";
  static final ObjectMapper JSON = new ObjectMapper();
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** Who may be offered an item's task in 龙山村 (LS03) and above, tried in this order. */
  static final List<String> CADRES = List.of("ls03_ganbu2", "ls03_ganbu1", "ls03_shuji", "ls_zhan2", "ls_zhan",
      "ls_jiwei", "ls_dangjian", "ls_dangwei", "yl_shuili2", "yl_shuili", "yl_zhongxin");

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  ServiceDoors(String base) {
    this.base = base;
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Answer call(String user, String method, String path, Object body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
      if (body != null) {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      if ("POST".equals(method) && path.startsWith("/api/matters")) {
        b.header("Idempotency-Key", UUID.randomUUID().toString());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path, e);
    }
  }

  JsonNode get(String user, String path) {
    Answer a = call(user, "GET", path, null);
    assertThat(a.status()).as("GET %s as %s: %s", path, user, a.body()).isEqualTo(200);
    return a.json();
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Registers an item in 龙山村 as {@code cadre} through the intake API; returns its number. */
  String register(String cadre, String title) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", "LS03");
    body.put("channel", "MEETING");
    body.put("reporterName", "运维测试");
    body.put("confidential", false);
    body.put("type", "PROBLEM");
    body.put("subject", "INFRASTRUCTURE");
    body.put("title", title);
    body.put("description", "运维测试登记的事项。");
    Answer a = call(cadre, "POST", "/api/matters", body);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("number").asText();
  }

  /** The item's open tasks as the administrator sees them. */
  JsonNode tasks(String number) {
    return get(ADMIN, "/engine-rest/task?processInstanceBusinessKey=" + q(number));
  }

  /** The task definition keys of the item's open tasks that {@code user} finds in the Tasklist. */
  TreeSet<String> taskKeysSeenBy(String user, String number) {
    TreeSet<String> keys = new TreeSet<>();
    get(user, "/engine-rest/task?processInstanceBusinessKey=" + q(number)).forEach(t -> keys.add(t.path("taskDefinitionKey").asText()));
    return keys;
  }

  /** The item numbers {@code user} finds on the ledger of {@code unit}. */
  TreeSet<String> ledgerNumbers(String user, String unit) {
    TreeSet<String> numbers = new TreeSet<>();
    get(user, "/api/ledger?unit=" + q(unit)).forEach(l -> numbers.add(l.path("number").asText()));
    return numbers;
  }

  /** The item's ledger state through the intake API (what a resident is told). */
  String state(String number) {
    return get(ADMIN, "/api/matters/" + q(number)).path("state").asText();
  }

  /** The item's running process instances (its matter process and those it called). */
  JsonNode instances(String number) {
    return get(ADMIN, "/engine-rest/process-instance?businessKey=" + q(number));
  }

  /** The item's pending jobs (timers), all its process instances. */
  List<JsonNode> jobs(String number) {
    List<JsonNode> jobs = new ArrayList<>();
    for (JsonNode instance : instances(number)) {
      get(ADMIN, "/engine-rest/job?processInstanceId=" + instance.path("id").asText()).forEach(jobs::add);
    }
    return jobs;
  }

  /** The form values a cadre enters for each step (valid in the old and the current forms). */
  static Map<String, Object> form(String taskKey, boolean complaint) {
    String today = LocalDate.now(BEIJING).toString();
    return switch (taskKey) {
      case "UserTask_ClassifyMatter" -> complaint
          // A complaint about a cadre's conduct is followed by the town's discipline commission.
          ? Map.of("matterType", "PROBLEM", "handlingList", "HIGHER_LEVEL", "subject", "CADRE_CONDUCT",
              "responsibleCadre", "ls_jiwei")
          : Map.of("matterType", "PROBLEM", "handlingList", "VILLAGE", "subject", "INFRASTRUCTURE",
              "responsibleCadre", "ls03_ganbu1");
      case "UserTask_SignFor" -> Map.of("signForDecision", "ACCEPT");
      case "UserTask_HandleMatter" -> Map.of("handleAction", "RESULT", "outcome", "RESOLVED",
          "resultSummary", "已处理完毕。");
      case "UserTask_SuperviseOverdue" -> Map.of("supervisionMeasure", "URGE", "supervisionOpinion", "请尽快办结。");
      case "UserTask_VerifyResult" -> Map.of("verificationResult", "CONFIRMED");
      case "UserTask_FeedbackToResident" -> Map.of("feedbackMethod", "PHONE", "feedbackDate", today,
          "feedbackNote", "已电话告知办理结果。");
      case "UserTask_ReviewSatisfaction" -> Map.of("satisfaction", "SATISFIED");
      case "UserTask_SupervisorReview" -> Map.of("supervisorDecision", "CLOSE", "supervisorOpinion", "经复核，予以办结。");
      case "UserTask_CheckCommitment" -> Map.of("commitmentKept", "KEPT", "commitmentNote", "承诺已兑现。");
      case "UserTask_TownSignFor" -> Map.of("townDecision", "HANDLE", "townNote", "镇里办理。");
      case "UserTask_ApproveExtension" -> Map.of("extensionDecision", "APPROVED", "extensionNote", "同意延期。");
      // 四议两公开: the branch proposes, three meetings pass it, the resolution and the result are published.
      case "UserTask_BranchProposal" -> Map.of("proposal", "拟修缮村道。", "proposalDate", today);
      case "UserTask_TwoCommitteeDiscussion", "UserTask_PartyMembersReview", "UserTask_RepresentativesResolution" ->
          Map.of("meetingDate", today, "deliberationPassed", "PASSED", "deliberationNote", "同意。");
      case "UserTask_PublishResolution", "UserTask_PublishResult" -> Map.of("publishedAt", today,
          "publishedWhere", "村务公开栏");
      default -> throw new AssertionError("the test does not know how to do " + taskKey);
    };
  }

  static Map<String, Object> variables(Map<String, Object> form) {
    Map<String, Object> variables = new LinkedHashMap<>();
    form.forEach((k, v) -> variables.put(k, Map.of("value", v,
        "type", v instanceof Boolean ? "Boolean" : v instanceof Number ? "Long" : "String")));
    return Map.of("variables", variables);
  }

  /** Who may do {@code task}: its assignee, else the cadres of {@link #CADRES} in its candidate groups. */
  List<String> doers(JsonNode task) {
    String assignee = task.path("assignee").asText(null);
    if (assignee != null && !assignee.isEmpty() && !"null".equals(assignee)) {
      return List.of(assignee);
    }
    List<String> doers = new ArrayList<>();
    String id = task.path("id").asText();
    // Supervisors may read a task they do not work: the doer is a member of a candidate group.
    TreeSet<String> candidates = new TreeSet<>();
    get(ADMIN, "/engine-rest/task/" + id + "/identity-links?type=candidate")
        .forEach(l -> candidates.add(l.path("groupId").asText()));
    for (String cadre : CADRES) {
      boolean member = false;
      for (JsonNode g : get(ADMIN, "/engine-rest/group?member=" + q(cadre))) {
        member |= candidates.contains(g.path("id").asText());
      }
      if (member && get(cadre, "/engine-rest/task?taskId=" + id).size() == 1) {
        doers.add(cadre);
      }
    }
    assertThat(doers).as("cadres offered %s", task).isNotEmpty();
    return doers;
  }

  /** Completes {@code task} through submit-form as the cadre it is offered to; returns who did it. */
  String complete(JsonNode task, boolean complaint) {
    String key = task.path("taskDefinitionKey").asText();
    return complete(task, form(key, complaint));
  }

  /** Completes {@code task} with {@code form} through submit-form as the cadre it is offered to; returns who did it. */
  String complete(JsonNode task, Map<String, Object> form) {
    String key = task.path("taskDefinitionKey").asText();
    List<String> doers = doers(task);
    for (String user : doers) {
      Answer a = call(user, "POST", "/engine-rest/task/" + task.path("id").asText() + "/submit-form",
          variables(form));
      if (key.equals("UserTask_VerifyResult") && (a.status() == 403 || a.status() == 404
          || (a.status() == 400 && a.body().contains("办理人以外")))) {
        continue; // the handler may not verify their own result (nor see it): the next cadre of the group does
      }
      assertThat(a.status()).as("%s submits %s: %s", user, key, a.body()).isEqualTo(204);
      return user;
    }
    throw new AssertionError("none of " + doers + " could do " + key);
  }

  /** Executes a job now, as the administrator (a timer fires as if its time had come). */
  void execute(JsonNode job) {
    Answer a = call(ADMIN, "POST", "/engine-rest/job/" + job.path("id").asText() + "/execute", null);
    assertThat(a.status()).as("execute %s: %s", job, a.body()).isEqualTo(204);
  }

  /**
   * Works the item to its end: open tasks are done by the cadres offered them; with none open, its
   * waiting timer or continuation is executed by the administrator. Returns the steps taken.
   */
  List<String> workToEnd(String number) {
    return workToEnd(number, false, Set.of());
  }

  /**
   * Works the item to its end as {@link #workToEnd(String)}; a {@code complaint} (about a cadre) is
   * classified as one, and none of {@code mustNotSee} finds any of its tasks at any step.
   */
  List<String> workToEnd(String number, boolean complaint, Set<String> mustNotSee) {
    return workToEnd(number, complaint ? Map.of("UserTask_ClassifyMatter", form("UserTask_ClassifyMatter", true))
        : Map.of(), mustNotSee);
  }

  /**
   * The item's open task {@code taskKey} done with {@code form} by a cadre it is offered to; returns
   * the step as {@link #workToEnd(String)} names it.
   */
  String completeOpen(String number, String taskKey, Map<String, Object> form) {
    for (JsonNode task : tasks(number)) {
      if (taskKey.equals(task.path("taskDefinitionKey").asText())) {
        return taskKey + " by " + complete(task, form);
      }
    }
    throw new AssertionError(number + " has no open " + taskKey + ": " + tasks(number));
  }

  /**
   * Works the item to its end as {@link #workToEnd(String)}, the steps of {@code forms} (by task key)
   * done with those values instead of the usual ones; none of {@code mustNotSee} finds any of its tasks
   * at any step.
   */
  List<String> workToEnd(String number, Map<String, Map<String, Object>> forms, Set<String> mustNotSee) {
    List<String> steps = new ArrayList<>();
    for (int round = 0; round < 30; round++) {
      if (instances(number).isEmpty()) {
        return steps;
      }
      for (String outsider : mustNotSee) {
        assertThat(taskKeysSeenBy(outsider, number)).as("%s's tasks of %s after %s", outsider, number, steps).isEmpty();
      }
      JsonNode open = tasks(number);
      if (open.size() > 0) {
        // A supervision task first: the handling it urges would otherwise end it.
        JsonNode next = open.get(0);
        for (JsonNode t : open) {
          if ("UserTask_SuperviseOverdue".equals(t.path("taskDefinitionKey").asText())) {
            next = t;
          }
        }
        String key = next.path("taskDefinitionKey").asText();
        String who = complete(next, forms.containsKey(key) ? forms.get(key) : form(key, false));
        steps.add(next.path("taskDefinitionKey").asText() + " by " + who);
        continue;
      }
      List<JsonNode> jobs = jobs(number);
      assertThat(jobs).as("%s waits with no task and no job", number).isNotEmpty();
      execute(jobs.get(0));
      steps.add("job " + jobs.get(0).path("id").asText());
    }
    throw new AssertionError(number + " did not end: " + steps);
  }
}
