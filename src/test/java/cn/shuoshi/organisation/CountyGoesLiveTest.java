package cn.shuoshi.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.reliability.cluster.PrivatePostgres;
import cn.shuoshi.reliability.cluster.ServiceNode;
import cn.shuoshi.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A county that is not the demo goes live, as its IT officer does it: the packaged service with the
 * {@code postgres} profile on an empty database, the county of 青川县 (docs/sample-county: 3 towns, 40
 * villages) loaded through {@code PUT /api/organisation}, its cadres set their own passwords and work
 * items registered in the Tasklist's start form and through {@code /api/matters} to their end. Then the
 * county changes: two villages merge and a cadre moves (a second import), and next year's holidays are
 * published (the calendar API). Every step goes through the doors a user has; the database is only
 * read, to check what a user would check.
 */
@Tag("operations")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CountyGoesLiveTest {

  static final Path COUNTY = Path.of("docs", "sample-county");
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "Qingchuan-Guanli-2026!";
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  static PrivatePostgres pg;
  static ServiceNode node;
  static int port;
  static Caller admin;
  /** The passwords the cadres chose at their first login. */
  static final Map<String, String> passwords = new HashMap<>();
  static List<Cadre> cadres;
  static List<Cadre> cadresAfterMove;
  static String tasklistItem;
  static String apiItem;
  static String mergedVillageItem;
  static String movedCadreItem;
  static Cadre movedCadre;

  record Cadre(String userId, String name, String unitCode, String role) {}

  @BeforeAll
  static void anEmptyDatabaseAndTheReleasedService() throws Exception {
    pg = PrivatePostgres.start();
    port = PrivatePostgres.freePort(18280);
    node = new ServiceNode("county", port, ServiceNode.jar(), Map.of(
        "SPRING_PROFILES_ACTIVE", "postgres",
        "SHUOSHI_DB_URL", pg.jdbcUrl(), "SHUOSHI_DB_USER", "postgres",
        // The private cluster trusts local connections: declared, not an empty password by accident.
        "SHUOSHI_DB_PASSWORDLESS", "true",
        "SHUOSHI_ADMIN_PASSWORD", ADMIN_PASSWORD));
    node.start();
    node.awaitUp(Duration.ofMinutes(4));
    admin = Caller.basic(port, ADMIN, ADMIN_PASSWORD);
    cadres = readCadres(COUNTY.resolve("cadres.csv"));
    cadresAfterMove = readCadres(COUNTY.resolve("cadres-moved.csv"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @Order(1)
  void theServiceStartsWithNoOrganisationAndADryRunChangesNothing() throws Exception {
    assertThat(count("select count(*) from org_unit")).isZero();

    Caller.Answer dryRun = putOrganisation("units.csv", "cadres.csv", true);

    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    JsonNode plan = dryRun.json();
    assertThat(plan.path("dryRun").asBoolean()).isTrue();
    assertThat(texts(plan.path("units").path("added"))).contains("QC", "QC01", "QC01V01", "QC03")
        .hasSize(Files.readAllLines(COUNTY.resolve("units.csv")).stream().skip(1).filter(l -> !l.isBlank())
            .toList().size());
    assertThat(texts(plan.path("cadres").path("added"))).hasSize((int) cadres.stream().map(Cadre::userId).distinct().count());
    assertThat(plan.path("initialPasswords").isEmpty()).isTrue();
    assertThat(count("select count(*) from org_unit")).isZero();
    assertThat(count("select count(*) from cadre")).isZero();
    assertThat(count("select count(*) from act_id_user where id_ <> 'admin'")).isZero();
  }

  @Test
  @Order(2)
  void theCountyIsLoadedAndItsCadresSetTheirOwnPasswords() throws Exception {
    Caller.Answer imported = putOrganisation("units.csv", "cadres.csv", false);

    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(count("select count(*) from org_unit where level = 'VILLAGE'")).isEqualTo(40);
    assertThat(count("select count(*) from org_unit where level = 'TOWN'")).isEqualTo(3);
    JsonNode initial = imported.json().path("initialPasswords");
    for (Cadre cadre : cadres) {
      assertThat(initial.path(cadre.userId()).asText()).as(cadre.userId()).isNotBlank();
    }
    assertThat(Files.readString(node.logFile().toPath()))
        .as("an initial password is reported once, never logged")
        .doesNotContain(initial.path(cadres.get(0).userId()).asText());

    // The cadres of three villages log in with what the administrator handed them and must choose their own.
    for (Cadre cadre : cadres) {
      if (List.of("QC01V01", "QC01V02", "QC02V01", "QC02V03").contains(cadre.unitCode())) {
        String first = initial.path(cadre.userId()).asText();
        Caller.Answer refused = Caller.basic(port, cadre.userId(), first).get("/engine-rest/task");
        assertThat(refused.status()).as("first login: the password must be changed first").isEqualTo(403);
        String own = "Qc-" + cadre.userId().hashCode() + "-mima!";
        Caller.Answer changed = Caller.basic(port, cadre.userId(), first).json("PUT",
            "/engine-rest/user/" + cadre.userId() + "/credentials",
            Map.of("password", own, "authenticatedUserPassword", first));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        passwords.put(cadre.userId(), own);
      }
    }
  }

  @Test
  @Order(3)
  void aVillageCadreRegistersInTheTasklistsStartFormWithTheirVillagePreselected() throws Exception {
    Cadre cadre = post("QC01V01", "COMMITTEE", 0);
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", cadre.userId(), passwords.get(cadre.userId())).status()).isEqualTo(200);
    browser.get("/camunda/api/admin/auth/user/default");

    Caller.Answer form = browser.get("/camunda/api/engine/engine/default/process-definition/key/matter/deployed-start-form");
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    JsonNode village = component(form.json(), "villageCode");
    assertThat(village.path("defaultValue").asText()).isEqualTo("QC01V01");
    assertThat(texts(village.path("values"), "value")).contains("QC01V01").doesNotContain("LS01");

    Caller.Answer started = browser.json("POST",
        "/camunda/api/engine/engine/default/process-definition/key/matter/submit-form",
        Map.of("variables", typed(register("QC01V01", "村口桥面破损"))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    tasklistItem = number("村口桥面破损");
    assertThat(tasklistItem).isNotBlank();
  }

  @Test
  @Order(4)
  void theIntakeApiRegistersForTheCountysVillages() throws Exception {
    Cadre cadre = post("QC01V01", "COMMITTEE", 0);
    apiItem = intake(cadre, "QC01V01", "三组路灯不亮");
    Cadre other = post("QC01V02", "COMMITTEE", 0);
    mergedVillageItem = intake(other, "QC01V02", "水井抽水泵故障");
    Cadre village = post("QC02V01", "SECRETARY", 0);
    movedCadre = movedCadre();
    movedCadreItem = intake(village, "QC02V01", "垃圾清运不及时");

    assertThat(count("select count(*) from matter where village_code = 'QC01V01'")).isEqualTo(2);
    assertThat(count("select count(*) from matter where village_code = 'QC01V02'")).isEqualTo(1);
  }

  @Test
  @Order(5)
  void bothItemsAreWorkedToTheirEndByTheVillagesCadres() throws Exception {
    for (String item : List.of(tasklistItem, apiItem)) {
      workToTheEnd(item, "QC01V01");
      assertThat(text("select state from matter where matter_number = ?", item)).isEqualTo("CLOSED");
    }
  }

  @Test
  @Order(6)
  void aSecondImportMergesTwoVillagesAndMovesACadreKeepingEveryItemAndReRoutingTheirTasks() throws Exception {
    // The moved cadre is working the item of their old village: its secretary registered it (首访负责制:
    // the classification is theirs) and gave it to them.
    Cadre secretary = post("QC02V01", "SECRETARY", 0);
    completeTask(movedCadreItem, "UserTask_ClassifyMatter", secretary.userId(), classify(movedCadre.userId()));
    String handle = openTask(movedCadreItem, "UserTask_HandleMatter", ADMIN).path("id").asText();
    assertThat(admin.get("/engine-rest/task/" + handle).json().path("assignee").asText()).isEqualTo(movedCadre.userId());
    long items = count("select count(*) from matter");

    Caller.Answer dryRun = putOrganisation("units-merged.csv", "cadres-moved.csv", true);
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.json().path("units").path("merged").toString()).contains("QC01V02").contains("QC01V01");
    assertThat(texts(dryRun.json().path("cadres").path("moved"))).contains(movedCadre.userId());
    assertThat(count("select count(*) from org_unit where retired_at is not null")).isZero();

    Caller.Answer imported = putOrganisation("units-merged.csv", "cadres-moved.csv", false);

    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().path("handedOver").toString()).contains(mergedVillageItem).contains(movedCadreItem);
    assertThat(count("select count(*) from matter")).isEqualTo(items);
    assertThat(text("select village_code from matter where matter_number = ?", mergedVillageItem))
        .as("the item keeps the village it was raised in").isEqualTo("QC01V02");
    // The merged village's waiting classification is now on the surviving village's desk ...
    String classify = openTask(mergedVillageItem, "UserTask_ClassifyMatter", ADMIN).path("id").asText();
    assertThat(candidateGroups(classify)).contains("QC01V01_committee").doesNotContain("QC01V02_committee");
    // ... and the moved cadre's task is back with their old village's committee, unassigned.
    JsonNode handleNow = admin.get("/engine-rest/task/" + handle).json();
    assertThat(handleNow.path("assignee").isNull() || handleNow.path("assignee").isMissingNode()).isTrue();
    assertThat(candidateGroups(handle)).contains("QC02V01_committee");
    // The moved cadre now works their new village, not the old one.
    assertThat(Caller.basic(port, movedCadre.userId(), passwords.get(movedCadre.userId()))
        .get("/engine-rest/task?processInstanceBusinessKey=" + movedCadreItem).json()).isEmpty();

    // The surviving village's cadres take the merged village's item to its end.
    workToTheEnd(mergedVillageItem, "QC01V01");
    assertThat(text("select state from matter where matter_number = ?", mergedVillageItem)).isEqualTo("CLOSED");
  }

  @Test
  @Order(7)
  void nextYearsHolidaysAddedThroughTheCalendarApiChangeTheNextDeadline() throws Exception {
    LocalDate today = LocalDate.now(BEIJING);
    int year = today.getYear();
    assertThat(admin.get("/api/calendar/" + (year + 1)).status())
        .as("the release ships no calendar for next year: the county adds it").isEqualTo(404);
    // The rest of this year off (as a correction of this year): the next deadlines reach into next year.
    JsonNode thisYear = admin.get("/api/calendar/" + year).json();
    List<String> holidays = new ArrayList<>(texts(thisYear.path("holidays")));
    holidays.add(today.plusDays(1) + ".." + LocalDate.of(year, 12, 31));
    Caller.Answer corrected = admin.json("PUT", "/api/calendar/" + year,
        Map.of("holidays", holidays, "workdays", texts(thisYear.path("workdays"))));
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);

    String before = intake(post("QC01V01", "COMMITTEE", 0), "QC01V01", "村道边沟堵塞");
    completeTask(before, "UserTask_ClassifyMatter", post("QC01V01", "COMMITTEE", 0).userId(),
        classify(post("QC01V01", "COMMITTEE", 0).userId()));
    Timestamp withoutNextYear = timestamp("select deadline from matter where matter_number = ?", before);

    Caller.Answer added = admin.json("PUT", "/api/calendar/" + (year + 1),
        Map.of("holidays", List.of((year + 1) + "-01-01.." + (year + 1) + "-01-08"), "workdays", List.of()));
    assertThat(added.status()).as(added.body()).isEqualTo(200);

    String after = intake(post("QC01V01", "COMMITTEE", 0), "QC01V01", "文化广场路灯损坏");
    completeTask(after, "UserTask_ClassifyMatter", post("QC01V01", "COMMITTEE", 0).userId(),
        classify(post("QC01V01", "COMMITTEE", 0).userId()));
    Timestamp withNextYear = timestamp("select deadline from matter where matter_number = ?", after);

    assertThat(withNextYear).as("the holidays of January push the deadline on, no restart")
        .isAfter(withoutNextYear);
    assertThat(withoutNextYear.toInstant().atZone(BEIJING).getYear()).isEqualTo(year + 1);
    assertThat(count("select count(*) from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind = 'CALENDAR_MISSING'", before)).isPositive();
    assertThat(count("select count(*) from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind = 'CALENDAR_MISSING'", after)).isZero();
  }

  // --- the county's files --------------------------------------------------------------------------

  static List<Cadre> readCadres(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(","));
    List<Cadre> read = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cell = line.split(",", -1);
      read.add(new Cadre(cell[header.indexOf("userId")].strip(), cell[header.indexOf("name")].strip(),
          cell[header.indexOf("unitCode")].strip(), cell[header.indexOf("role")].strip()));
    }
    return read;
  }

  /** The n-th cadre holding {@code role} in {@code unit} before the move. */
  static Cadre post(String unit, String role, int n) {
    return cadres.stream().filter(c -> c.unitCode().equals(unit) && c.role().equals(role)).skip(n).findFirst()
        .orElseThrow(() -> new AssertionError("the sample county has no " + role + " #" + n + " in " + unit));
  }

  /** The committee cadre whose village the second file changes. */
  static Cadre movedCadre() {
    return cadres.stream().filter(c -> c.role().equals("COMMITTEE"))
        .filter(c -> cadresAfterMove.stream().anyMatch(m -> m.userId().equals(c.userId())
            && m.role().equals("COMMITTEE") && !m.unitCode().equals(c.unitCode())))
        .findFirst().orElseThrow(() -> new AssertionError("cadres-moved.csv moves no committee cadre"));
  }

  Caller.Answer putOrganisation(String units, String cadresFile, boolean dryRun) throws Exception {
    String boundary = "----county" + UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> part : Map.of("units", units, "cadres", cadresFile).entrySet()) {
      body.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(part.getKey()).append("\"; filename=\"")
          .append(part.getValue()).append("\"\r\n").append("Content-Type: text/csv\r\n\r\n")
          .append(Files.readString(COUNTY.resolve(part.getValue()), StandardCharsets.UTF_8)).append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.base() + "/api/organisation" + (dryRun ? "?dryRun=true" : "")))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Caller.Answer(r.statusCode(), r.headers().map(), r.body());
  }

  // --- the cadres' work ----------------------------------------------------------------------------

  static Map<String, Object> register(String village, String title) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("villageCode", village);
    form.put("channel", "MEETING");
    form.put("reporterName", "赵春梅");
    form.put("reporterPhone", "13800001111");
    form.put("reporterGroup", "三组");
    form.put("confidential", false);
    form.put("title", title);
    form.put("description", title + "，群众在说事会上提出，希望尽快解决。");
    form.put("matterType", "PROBLEM");
    form.put("subject", "INFRASTRUCTURE");
    form.put("answeredOnSpot", false);
    return form;
  }

  String intake(Cadre cadre, String village, String title) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", village);
    body.put("channel", "VISIT");
    body.put("reporterName", "钱国强");
    body.put("confidential", false);
    body.put("type", "PROBLEM");
    body.put("subject", "INFRASTRUCTURE");
    body.put("title", title);
    body.put("description", title + "，入户走访时群众反映。");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.base() + "/api/matters"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (cadre.userId() + ":" + passwords.get(cadre.userId())).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(Caller.JSON.writeValueAsString(body), StandardCharsets.UTF_8))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Caller.JSON.readTree(r.body()).path("number").asText();
  }

  static Map<String, Object> classify(String responsible) {
    return Map.of("matterType", "PROBLEM", "handlingList", "VILLAGE", "subject", "INFRASTRUCTURE",
        "responsibleCadre", responsible);
  }

  /** Every open task of the item, in turn, by the village cadre the process names, until the item closes. */
  @SuppressWarnings("unchecked")
  void workToTheEnd(String item, String village) throws Exception {
    Cadre first = post(village, "COMMITTEE", 0);
    Cadre second = post(village, "COMMITTEE", 1);
    Cadre secretary = post(village, "SECRETARY", 0);
    String today = LocalDate.now(BEIJING).toString();
    Map<String, Object[]> steps = new LinkedHashMap<>();
    steps.put("UserTask_ClassifyMatter", new Object[] {first, classify(first.userId())});
    steps.put("UserTask_HandleMatter", new Object[] {first, Map.of("handleAction", "RESULT", "outcome", "RESOLVED",
        "resultSummary", "已组织人员修复，群众已确认。")});
    steps.put("UserTask_VerifyResult", new Object[] {second, Map.of("verificationResult", "CONFIRMED")});
    steps.put("UserTask_FeedbackToResident", new Object[] {first, Map.of("feedbackMethod", "PHONE",
        "feedbackDate", today, "feedbackNote", "已电话告知办理结果。")});
    steps.put("UserTask_ReviewSatisfaction", new Object[] {secretary, Map.of("satisfaction", "SATISFIED")});
    for (int step = 0; step < 10; step++) {
      JsonNode open = admin.get("/engine-rest/task?processInstanceBusinessKey=" + item).json();
      if (open.isEmpty()) {
        return;
      }
      String key = open.get(0).path("taskDefinitionKey").asText();
      Object[] how = steps.get(key);
      assertThat(how).as("a step this scenario knows: " + key).isNotNull();
      completeTask(item, key, ((Cadre) how[0]).userId(), (Map<String, Object>) how[1]);
    }
    throw new AssertionError(item + " did not end within ten steps");
  }

  JsonNode openTask(String item, String key, String asUser) {
    Caller caller = asUser.equals(ADMIN) ? admin : Caller.basic(port, asUser, passwords.get(asUser));
    JsonNode tasks = caller.get("/engine-rest/task?processInstanceBusinessKey=" + item + "&taskDefinitionKey=" + key).json();
    assertThat(tasks).as(asUser + " sees " + key + " of " + item).hasSize(1);
    return tasks.get(0);
  }

  void completeTask(String item, String key, String cadre, Map<String, Object> form) {
    String task = openTask(item, key, cadre).path("id").asText();
    Caller.Answer done = Caller.basic(port, cadre, passwords.get(cadre)).json("POST",
        "/engine-rest/task/" + task + "/submit-form", Map.of("variables", typed(form)));
    assertThat(done.status()).as(key + " of " + item + " by " + cadre + ": " + done.body()).isEqualTo(204);
  }

  List<String> candidateGroups(String task) {
    List<String> groups = new ArrayList<>();
    admin.get("/engine-rest/task/" + task + "/identity-links?type=candidate").json()
        .forEach(link -> groups.add(link.path("groupId").asText()));
    return groups;
  }

  static Map<String, Object> typed(Map<String, Object> form) {
    Map<String, Object> variables = new LinkedHashMap<>();
    form.forEach((name, value) -> variables.put(name,
        Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : "String")));
    return variables;
  }

  static JsonNode component(JsonNode form, String key) {
    for (JsonNode c : form.path("components")) {
      if (key.equals(c.path("key").asText())) {
        return c;
      }
      JsonNode nested = component(c, key);
      if (!nested.isMissingNode()) {
        return nested;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.path(field).asText()));
    return values;
  }

  // --- what a user would check, read from the database --------------------------------------------

  static String number(String title) throws Exception {
    return text("select matter_number from matter where title = ?", title);
  }

  static long count(String sql, Object... args) throws Exception {
    try (Connection c = pg.connect(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static String text(String sql, Object... args) throws Exception {
    try (Connection c = pg.connect(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as(sql + " " + List.of(args)).isTrue();
        return rs.getString(1);
      }
    }
  }

  static Timestamp timestamp(String sql, Object... args) throws Exception {
    try (Connection c = pg.connect(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getTimestamp(1);
      }
    }
  }
}
