package cn.shuoshi.organisation;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.reports.LedgerAccess;
import cn.shuoshi.security.account.Accounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/**
 * The county's organisation is data an administrator replaces with two files (issue 12): checked as a
 * whole first (every error at once, nothing imported), tried out with a dry run, refused to everybody
 * but administrators; units and cadres left out are retired, merged villages hand their open tasks to
 * the successor, moved cadres give theirs back to the group. The Longshan organisation the other
 * tests share is never altered: the tests add a second town, 龙潭镇 (LT, villages LT01..LT03), and every
 * test ends by importing the shared organisation again (which retires LT).
 */
@ShuoshiTest
@ExtendWith(OutputCaptureExtension.class)
class OrganisationImportTest {

  static final String ADMIN = "org_admin";

  static final String LT_UNITS = """
      LT,龙潭镇,TOWN,YL
      LT01,龙潭村,VILLAGE,LT
      LT02,潭口村,VILLAGE,LT
      LT03,石桥村,VILLAGE,LT
      """;
  static final String LT_CADRES = """
      lt01_shuji,龙德胜,LT01,SECRETARY
      lt01_ganbu1,龙小梅,LT01,COMMITTEE
      lt02_shuji,谭国华,LT02,SECRETARY
      lt02_ganbu1,谭春兰,LT02,COMMITTEE
      lt03_ganbu1,石建军,LT03,COMMITTEE
      lt03_ganbu2,石秀芳,LT03,COMMITTEE
      lt_zhan,潘志远,LT,STATION
      lt_jiwei,潘丽华,LT,SUPERVISOR
      lt_baocun,潘海涛,LT,LEADER
      """;

  @Autowired LedgerReads ledgerReads;

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired MatterSteps steps;
  @Autowired LedgerRepository ledger;
  @Autowired Accounts accounts;
  @Autowired OrganisationAtStart atStart;
  @Autowired LedgerAccess ledgerAccess;
  @Autowired Org org;
  final ObjectMapper json = new ObjectMapper();
  final List<ProcessInstance> started = new ArrayList<>();

  record Answer(int status, JsonNode body) {}

  record Upload(String filename, byte[] content) {}

  @BeforeEach
  void administrator() {
    TestOrganisation.administrator(identity, authorizations, ADMIN, "组织管理员");
  }

  /** Back to the shared organisation: the test's items go, LT and its cadres are retired. */
  @AfterEach
  void restoreTheSharedOrganisation() throws Exception {
    for (ProcessInstance item : started) {
      if (runtime.createProcessInstanceQuery().processInstanceId(item.getId()).count() > 0) {
        runtime.deleteProcessInstance(item.getId(), "test finished");
      }
    }
    Answer restored = put(ADMIN, "", csv(demoUnits()), csv(demoCadres()));
    assertThat(restored.status()).as(String.valueOf(restored.body())).isEqualTo(200);
    // Cadres retired by the test and brought back got new passwords: the next tests log in with theirs.
    TestOrganisation.repairPasswords(identity, jdbc);
    assertThat(jdbc.queryForObject("select count(*) from org_unit where retired_at is null and level = 'VILLAGE'",
        Integer.class)).isEqualTo(18);
  }

  // --- checking ----------------------------------------------------------------------------------

  @Test
  void aDryRunAnswersThePlanAndChangesNothing() throws Exception {
    Object before = footprint();

    Answer answer = put(ADMIN, "?dryRun=true", csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES));

    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    assertThat(answer.body().path("dryRun").asBoolean()).isTrue();
    assertThat(texts(answer.body().path("units").path("added"))).containsExactlyInAnyOrder("LT", "LT01", "LT02", "LT03");
    assertThat(texts(answer.body().path("cadres").path("added"))).contains("lt01_shuji", "lt_zhan").hasSize(9);
    assertThat(answer.body().path("initialPasswords").size()).isZero();
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void badFilesAnswerEveryErrorWithFileAndLineAndImportNothing() throws Exception {
    Object before = footprint();
    String units = demoUnits() + """
        LT,龙潭镇,TOWN,YL
        LT01,龙潭村,VILLAGE,LX
        LT01,龙潭村二,VILLAGE,LT
        LT02,潭口村,HAMLET,LT
        QC,青川县,COUNTY,
        LT03,,VILLAGE,LT
        """;
    String cadres = demoCadres() + """
        lt01_shuji,龙德胜,LS01,MAYOR
        lt01_ganbu1,龙小梅,LS02,LEADER
        lt02_shuji,谭国华,XX99,SECRETARY
        lt02_ganbu1,,LS03,COMMITTEE
        ls01_ganbu1,李永红,LS01,COMMITTEE
        ls02_shuji,陈卫东,LS03,SECRETARY
        ls03_ganbu1,吴桂芳,LS,STATION
        org_admin,组织管理员,LS04,COMMITTEE
        """;
    int unitsBase = demoUnits().split("\n").length;
    int cadresBase = demoCadres().split("\n").length;

    Answer answer = put(ADMIN, "", csv(units), csv(cadres));

    assertThat(answer.status()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    answer.body().path("errors").forEach(e -> errors.add(e.asText()));
    assertThat(errors).containsExactlyInAnyOrder(
        "units 第" + (unitsBase + 2) + "行：上级单位“LX”不存在",
        "units 第" + (unitsBase + 3) + "行：单位代码“LT01”重复（第" + (unitsBase + 2) + "行已有）",
        "units 第" + (unitsBase + 4) + "行：级别“HAMLET”不存在（应为 COUNTY、TOWN、VILLAGE 或 DEPARTMENT）",
        "units 第" + (unitsBase + 5) + "行：只能有一个县（第2行已有县“YL”）",
        "units 第" + (unitsBase + 6) + "行：缺少单位名称",
        "cadres 第" + (cadresBase + 1) + "行：职务“MAYOR”不存在（应为 SECRETARY、COMMITTEE、RESIDENT_CADRE、LEADER、"
            + "STATION、PARTY_COMMITTEE、SUPERVISOR、CENTRE、DEPARTMENT）",
        "cadres 第" + (cadresBase + 2) + "行：职务“LEADER”（包村领导）属于乡镇，不能设在村（社区）“下河村”",
        "cadres 第" + (cadresBase + 3) + "行：单位“XX99”不存在",
        "cadres 第" + (cadresBase + 4) + "行：缺少姓名",
        "cadres 第" + (cadresBase + 5) + "行：重复：干部“ls01_ganbu1”在“上河村”的职务“COMMITTEE”第3行已有",
        "cadres 第" + (cadresBase + 6) + "行：干部“ls02_shuji”已在第6行任“下河村”的党支部书记或“两委”干部，"
            + "不能同时在“龙山村”任此类职务",
        "cadres 第" + (cadresBase + 8) + "行：用户名“org_admin”是系统管理员账号，不能作为干部导入",
        "cadres 第" + (cadresBase + 7) + "行：干部“ls03_ganbu1”的姓名“吴桂芳”与第" + 11 + "行的“吴桂兰”不一致");
    assertThat(answer.body().path("detail").asText()).startsWith("共有13处需要更正");
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void aByteOrderMarkReorderedColumnsQuotesAndBlankLinesAreReadAsTheSameOrganisation() throws Exception {
    StringBuilder units = new StringBuilder("\uFEFFparent,level,name,code\r\n\r\n");
    for (String line : demoUnits().split("\n")) {
      String[] v = line.split(",", -1);
      if (!v[0].equals("code")) {
        units.append(v[3]).append(",\"").append(v[2]).append("\",\"").append(v[1].replace("\"", "\"\""))
            .append("\",").append(v[0]).append("\r\n\r\n");
      }
    }
    Answer answer = put(ADMIN, "?dryRun=true", csv(units.toString()), csv("\uFEFF" + demoCadres()));

    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    assertUnchanged(answer.body());
  }

  @Test
  void anExcelWorkbookIsReadLikeTheCsvFile() throws Exception {
    Answer answer = put(ADMIN, "?dryRun=true", new Upload("单位.xlsx", xlsx(demoUnits())),
        new Upload("cadres.xlsx", xlsx(demoCadres())));

    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    assertUnchanged(answer.body());
  }

  @Test
  void nobodyButAnAdministratorMayImportAndARefusalChangesNothing() throws Exception {
    Object before = footprint();
    for (String user : List.of("ls01_ganbu1", "ls_jiwei", "yl_zhongxin")) {
      for (String query : List.of("", "?dryRun=true")) {
        Answer answer = put(user, query, csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES));
        assertThat(answer.status()).as(user).isEqualTo(403);
        assertThat(answer.body().path("detail").asText()).isEqualTo("只有系统管理员可以导入组织机构和干部");
      }
    }
    Answer anonymous = put(null, "", csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void theApiDocumentationShowsTheTwoFiles() throws Exception {
    JsonNode put = json.readTree(http.getForObject("/v3/api-docs", String.class)).path("paths")
        .path("/api/organisation").path("put");
    JsonNode parts = put.path("requestBody").path("content").path("multipart/form-data").path("schema");
    assertThat(put.path("summary").asText()).isEqualTo("导入全县组织机构和干部（仅系统管理员）");
    assertThat(parts.toString()).contains("Files");
    assertThat(put.path("parameters").findValuesAsText("name")).containsExactly("dryRun");
  }

  // --- importing ---------------------------------------------------------------------------------

  @Test
  void newCadresGetPasswordsOnceNeverInTheLogAndASecondImportChangesNothing(CapturedOutput log) throws Exception {
    Answer first = put(ADMIN, "", csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES));

    assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(200);
    JsonNode passwords = first.body().path("initialPasswords");
    assertThat(passwords.size()).isEqualTo(9);
    for (String user : List.of("lt01_shuji", "lt_zhan")) {
      String password = passwords.path(user).asText();
      assertThat(password).hasSizeGreaterThanOrEqualTo(16);
      assertThat(identity.checkPassword(user, password)).isTrue();
      assertThat(accounts.mustChangePassword(user)).as("an initial password must be changed at the first login").isTrue();
    }
    passwords.forEach(p -> assertThat(log.getAll()).doesNotContain(p.asText()));
    assertThat(identity.createUserQuery().memberOfGroup("LT01_secretary").list()).extracting(User::getId)
        .containsExactly("lt01_shuji");

    Answer again = put(ADMIN, "", csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES));
    assertThat(again.status()).isEqualTo(200);
    assertUnchanged(again.body());
    assertThat(again.body().path("initialPasswords").size()).isZero();
    assertThat(identity.checkPassword("lt01_shuji", passwords.path("lt01_shuji").asText())).isTrue();
  }

  @Test
  void mergingAVillageHandsItsOpenTaskToTheSuccessorAndItsLaterTasksLandThereToo() throws Exception {
    assertThat(put(ADMIN, "", csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES)).status()).isEqualTo(200);
    ProcessInstance item = register("lt02_ganbu1", "LT02");
    ProcessInstance other = register("lt03_ganbu1", "LT03");
    String number = steps.number(item);
    assertThat(groups(steps.task(item, CLASSIFY_MATTER))).containsExactly("LT02_committee");
    assertThat(steps.task(other, CLASSIFY_MATTER).getAssignee()).isEqualTo("lt03_ganbu1");

    // 潭口村 merges into 龙潭村: its secretary retires, its committee member moves to 龙潭村, and
    // 石桥村's lt03_ganbu1 moves to 龙潭村 too.
    String merged = demoUnits() + LT_UNITS.replace("LT01,龙潭村,VILLAGE,LT", "LT01,龙潭村,VILLAGE,LT,LT02")
        .replace("LT02,潭口村,VILLAGE,LT\n", "");
    String moved = demoCadres() + LT_CADRES.replace("lt02_shuji,谭国华,LT02,SECRETARY\n", "")
        .replace("lt02_ganbu1,谭春兰,LT02,COMMITTEE", "lt02_ganbu1,谭春兰,LT01,COMMITTEE")
        .replace("lt03_ganbu1,石建军,LT03,COMMITTEE", "lt03_ganbu1,石建军,LT01,COMMITTEE");
    String header = "code,name,level,parent,mergedFrom\n";
    String mergedUnits = header + merged.substring(merged.indexOf('\n') + 1);
    long eventsBefore = ledgerReads.eventKinds(number).size();

    Answer dry = put(ADMIN, "?dryRun=true", csv(mergedUnits), csv(moved));
    assertThat(dry.status()).as(String.valueOf(dry.body())).isEqualTo(200);
    assertThat(groups(steps.task(item, CLASSIFY_MATTER))).as("a dry run moves nothing").containsExactly("LT02_committee");

    Answer answer = put(ADMIN, "", csv(mergedUnits), csv(moved));

    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    assertThat(answer.body().path("units").path("merged")).hasSize(1);
    assertThat(answer.body().path("units").path("merged").get(0).path("code").asText()).isEqualTo("LT02");
    assertThat(answer.body().path("units").path("merged").get(0).path("into").asText()).isEqualTo("LT01");
    assertThat(texts(answer.body().path("cadres").path("retired"))).containsExactly("lt02_shuji");
    assertThat(texts(answer.body().path("cadres").path("moved"))).containsExactlyInAnyOrder("lt02_ganbu1", "lt03_ganbu1");
    assertThat(answer.body().path("handedOver").toString()).isEqualTo(dry.body().path("handedOver").toString());
    List<String> handed = new ArrayList<>();
    answer.body().path("handedOver").forEach(h -> handed.add(h.path("itemNumber").asText() + " " + h.path("from").asText()
        + "→" + h.path("to").asText()));
    assertThat(handed).containsExactlyInAnyOrder(number + " LT02_committee→LT01_committee",
        steps.number(other) + " lt03_ganbu1→LT03_committee");

    // The merged village's task waits in 龙潭村's group; its assignee moved there with it and keeps it.
    Task classify = steps.task(item, CLASSIFY_MATTER);
    assertThat(groups(classify)).containsExactly("LT01_committee");
    assertThat(classify.getAssignee()).isEqualTo("lt02_ganbu1");
    // The moved cadre's task of 石桥村 goes back to 石桥村's group.
    Task otherClassify = steps.task(other, CLASSIFY_MATTER);
    assertThat(otherClassify.getAssignee()).isNull();
    assertThat(groups(otherClassify)).containsExactly("LT03_committee");
    // Both are on the items' histories, by the administrator; the item keeps its village.
    assertThat(ledgerReads.eventKinds(number)).hasSize((int) eventsBefore + 1).last().isEqualTo("HANDED_OVER");
    assertThat(jdbc.queryForObject("select actor from matter_event where kind = 'HANDED_OVER' and matter_id = "
        + "(select id from matter where matter_number = ?)", String.class, number)).isEqualTo(ADMIN);
    assertThat(ledgerReads.eventKinds(steps.number(other))).last().isEqualTo("HANDED_OVER");
    assertThat(ledger.findByNumber(number).orElseThrow().villageCode()).isEqualTo("LT02");

    // The successor's cadres read the merged village's ledger; another village's do not.
    assertThat(ledgerAccess.mayRead(viewer("lt01_ganbu1"), org.unit("LT02").orElseThrow())).isTrue();
    assertThat(ledgerAccess.mayRead(viewer("lt03_ganbu2"), org.unit("LT02").orElseThrow())).isFalse();
    // The successor's cadres see it (the engine's grants follow the group); the group gets the task given back.
    assertThat(visibleTo("lt01_ganbu1", classify.getId())).isTrue();
    assertThat(visibleTo("lt03_ganbu2", classify.getId())).as("another village's cadre").isFalse();
    assertThat(visibleTo("lt03_ganbu2", otherClassify.getId())).isTrue();
    assertThat(visibleTo("lt03_ganbu1", otherClassify.getId())).as("the moved cadre gave it back").isFalse();
    steps.complete("lt03_ganbu2", other, CLASSIFY_MATTER, Forms.classify("VILLAGE", "lt03_ganbu2"));

    // The next task of the merged village's item lands on the successor's desk.
    steps.complete("lt02_ganbu1", item, CLASSIFY_MATTER, Forms.classify("VILLAGE", "lt01_ganbu1"));
    Task handle = steps.task(item, HANDLE_MATTER);
    assertThat(groups(handle)).containsExactly("LT01_committee");
    assertThat(handle.getAssignee()).isEqualTo("lt01_ganbu1");
    // Nobody's left in the old village's groups.
    assertThat(identity.createUserQuery().memberOfGroup("LT02_secretary").count()).isZero();
    assertThat(identity.createUserQuery().memberOfGroup("LT02_committee").count()).isZero();
    assertThat(identity.createUserQuery().userId("lt02_shuji").count()).as("kept for the history").isOne();
  }

  @Test
  void aRetiredVillageIsRefusedAtRegistrationAndGoneFromTheStartForm() throws Exception {
    assertThat(put(ADMIN, "", csv(demoUnits() + LT_UNITS), csv(demoCadres() + LT_CADRES)).status()).isEqualTo(200);
    assertThat(startFormVillages()).contains("LT02", "LT03");
    ProcessInstance item = register("lt03_ganbu1", "LT03");
    String number = steps.number(item);
    String units = demoUnits() + LT_UNITS.replace("LT01,龙潭村,VILLAGE,LT", "LT01,龙潭村,VILLAGE,LT,LT02")
        .replace("LT02,潭口村,VILLAGE,LT\n", "").replace("LT03,石桥村,VILLAGE,LT\n", "");
    String header = "code,name,level,parent,mergedFrom\n";
    String cadres = demoCadres() + Stream.of(LT_CADRES.split("\n")).filter(l -> !l.contains(",LT02,") && !l.contains(",LT03,"))
        .map(l -> l + "\n").reduce("", String::concat);
    Answer answer = put(ADMIN, "", csv(header + units.substring(units.indexOf('\n') + 1)), csv(cadres));
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    assertThat(texts(answer.body().path("units").path("retired"))).containsExactly("LT03");
    // Its open task goes to the town's handling station, and its retired cadre no longer holds it.
    List<String> handed = new ArrayList<>();
    answer.body().path("handedOver").forEach(h -> handed.add(h.path("itemNumber").asText() + " " + h.path("from").asText()
        + "→" + h.path("to").asText()));
    assertThat(handed).containsExactly(number + " LT03_committee→LT_station", number + " lt03_ganbu1→LT_station");
    Task classify = steps.task(item, CLASSIFY_MATTER);
    assertThat(groups(classify)).containsExactly("LT_station");
    assertThat(classify.getAssignee()).isNull();
    assertThat(jdbc.queryForList("select door from matter_event where kind = 'HANDED_OVER' and matter_id = "
        + "(select id from matter where matter_number = ?)", String.class, number)).containsExactly("SERVICE_API", "SERVICE_API");
    assertThat(visibleTo("lt_zhan", classify.getId())).isTrue();

    assertThat(startFormVillages()).contains("LT01").doesNotContain("LT02", "LT03");
    long items = ledger.countAll();
    assertThatThrownBy(() -> register("lt_zhan", "LT02")).hasMessageContaining("潭口村已撤销（已并入龙潭村）");
    assertThatThrownBy(() -> register("lt_zhan", "LT03")).hasMessageContaining("石桥村已撤销");
    assertThat(ledger.countAll()).isEqualTo(items);
    // Its cadres are offered no more; the successor's are.
    assertThat(jdbc.queryForObject("select count(*) from cadre where user_id = 'lt03_ganbu1' and retired_at is not null",
        Integer.class)).isOne();
  }

  @Test
  void theOrganisationDirectoryIsImportedAtStartOnceAndThePasswordsGoToAnOwnerOnlyFile(@TempDir Path dir,
      CapturedOutput log) throws Exception {
    Files.writeString(dir.resolve("units.csv"), demoUnits() + LT_UNITS);
    Files.write(dir.resolve("cadres.xlsx"), xlsx(demoCadres() + LT_CADRES));

    OrganisationImporter.Report first = atStart.importFrom(dir);
    assertThat(first.units().added()).containsExactlyInAnyOrder("LT", "LT01", "LT02", "LT03");
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.filter(p -> p.getFileName().toString().startsWith("initial-passwords-")).toList();
    }
    assertThat(files).hasSize(1);
    assertThat(Files.getPosixFilePermissions(files.get(0))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    List<String> lines = Files.readAllLines(files.get(0));
    assertThat(lines).hasSize(10).first().isEqualTo("userId,password");
    String[] zhan = lines.stream().filter(l -> l.startsWith("lt_zhan,")).findFirst().orElseThrow().split(",");
    assertThat(identity.checkPassword("lt_zhan", zhan[1])).isTrue();
    assertThat(log.getAll()).contains(files.get(0).getFileName().toString());
    lines.stream().skip(1).forEach(l -> assertThat(log.getAll()).doesNotContain(l.split(",")[1]));

    OrganisationImporter.Report second = atStart.importFrom(dir);
    assertThat(second.changesNothing()).isTrue();
    try (Stream<Path> listed = Files.list(dir)) {
      assertThat(listed.filter(p -> p.getFileName().toString().startsWith("initial-passwords-"))).hasSize(1);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  ProcessInstance register(String cadre, String village) {
    ProcessInstance item = steps.register(cadre, Forms.register(village));
    started.add(item);
    return item;
  }

  LedgerAccess.Viewer viewer(String user) {
    return new LedgerAccess.Viewer(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> g.getId()).toList(), org.postsOf(user));
  }

  /** Whether {@code user} finds the task in a query, as the engine's authorization lets them. */
  boolean visibleTo(String user, String taskId) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> g.getId()).toList());
    try {
      return tasks.createTaskQuery().taskId(taskId).count() == 1;
    } finally {
      identity.clearAuthentication();
    }
  }

  List<String> groups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().filter(l -> "candidate".equals(l.getType()))
        .map(IdentityLink::getGroupId).toList();
  }

  List<String> startFormVillages() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(ADMIN, TestOrganisation.password(ADMIN));
    ResponseEntity<String> response = http.exchange("/engine-rest/process-definition/key/matter/deployed-start-form",
        HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    List<String> villages = new ArrayList<>();
    for (JsonNode component : json.readTree(response.getBody()).path("components")) {
      if ("villageCode".equals(component.path("key").asText())) {
        component.path("values").forEach(v -> villages.add(v.path("value").asText()));
      }
    }
    return villages;
  }

  static void assertUnchanged(JsonNode answer) {
    for (String part : List.of("units", "cadres")) {
      answer.path(part).fields().forEachRemaining(e -> assertThat(e.getValue()).as(part + "." + e.getKey()).isEmpty());
    }
    assertThat(answer.path("handedOver")).isEmpty();
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  /** What an import would change: the organisation's tables, accounts, memberships, tasks and ledger events. */
  Object footprint() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("units", jdbc.queryForList("select * from org_unit order by code"));
    all.put("cadres", jdbc.queryForList("select * from cadre order by user_id"));
    all.put("posts", jdbc.queryForList("select * from cadre_role order by user_id, unit_code, role"));
    all.put("users", jdbc.queryForList("select id_, pwd_, first_ from act_id_user order by id_"));
    all.put("groups", jdbc.queryForList("select id_, name_ from act_id_group order by id_"));
    all.put("memberships", jdbc.queryForList("select user_id_, group_id_ from act_id_membership order by 1, 2"));
    all.put("accounts", jdbc.queryForList("select * from user_account order by user_id"));
    all.put("links", jdbc.queryForList("select task_id_, group_id_, user_id_, type_ from act_ru_identitylink "
        + "order by 1, 2, 3, 4"));
    all.put("tasks", jdbc.queryForList("select id_, assignee_ from act_ru_task order by id_"));
    all.put("events", jdbc.queryForObject("select count(*) from matter_event", Long.class));
    all.put("grants", jdbc.queryForObject("select count(*) from act_ru_authorization", Long.class));
    return all;
  }

  Answer put(String user, String query, Upload units, Upload cadres) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    if (user != null) {
      headers.setBasicAuth(user, TestOrganisation.password(user));
    }
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("units", resource(units));
    body.add("cadres", resource(cadres));
    ResponseEntity<byte[]> response = http.exchange("/api/organisation" + query, HttpMethod.PUT,
        new HttpEntity<>(body, headers), byte[].class);
    byte[] content = response.getBody();
    return new Answer(response.getStatusCode().value(),
        content == null || content.length == 0 ? null : json.readTree(new String(content, StandardCharsets.UTF_8)));
  }

  static ByteArrayResource resource(Upload upload) {
    return new ByteArrayResource(upload.content()) {
      @Override
      public String getFilename() {
        return upload.filename();
      }
    };
  }

  static Upload csv(String text) {
    return new Upload("file.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] xlsx(String csvText) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("表1");
      int r = 0;
      for (String line : csvText.split("\n")) {
        Row row = sheet.createRow(r++);
        String[] values = line.split(",", -1);
        for (int c = 0; c < values.length; c++) {
          if (!values[c].isEmpty()) {
            row.createCell(c).setCellValue(values[c]);
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  static String demoUnits() throws Exception {
    return resourceText("demo/organisation/units.csv");
  }

  static String demoCadres() throws Exception {
    return resourceText("demo/organisation/cadres.csv");
  }

  static String resourceText(String path) throws Exception {
    String text = new String(new ClassPathResource(path).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return text.endsWith("\n") ? text : text + "\n";
  }

  static String[] lines(String text) {
    return Arrays.stream(text.split("\n")).toArray(String[]::new);
  }
}
