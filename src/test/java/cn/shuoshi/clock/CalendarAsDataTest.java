package cn.shuoshi.clock;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.audit.Door;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Vars.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The working-day calendar is data (issue 12): an administrator loads or corrects a year through
 * {@code /api/calendar/{year}} and the next deadline uses it, on every node, without a restart; others
 * may read it only; a year the calendar lacks is counted on weekends only and marked on the item's
 * history; health, the status endpoint and the Admin app's start page warn from 1 November while next
 * year is missing. The tests work on the years 2040–2049, which no calendar file has, and remove them
 * afterwards (the change records stay: they are never deleted).
 */
@ShuoshiTest
class CalendarAsDataTest {

  static final String ADMIN = "calendar_admin";
  static final String CADRE = "ls18_ganbu1";
  static final int FIRST_TEST_YEAR = 2040;
  static final int LAST_TEST_YEAR = 2049;

  @Autowired LedgerReads ledgerReads;

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired LedgerRepository ledger;
  @Autowired WorkingDayCalendar calendar;
  @Autowired CalendarStore store;
  @Autowired BundledCalendar bundled;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, HttpHeaders headers, JsonNode body) {}

  /** Everything a change of a year leaves in the database: its days, its version, its change records. */
  record Footprint(List<Map<String, Object>> days, List<Long> version, long changes) {}

  @BeforeEach
  void freshYears() {
    forgetTestYears();
    administrator(ADMIN);
  }

  @AfterEach
  void resetClockAndYears() {
    ClockUtil.reset();
    forgetTestYears();
  }

  void forgetTestYears() {
    jdbc.update("delete from working_calendar_day where cal_year between ? and ?", FIRST_TEST_YEAR, LAST_TEST_YEAR);
    jdbc.update("delete from working_calendar_year where cal_year between ? and ?", FIRST_TEST_YEAR, LAST_TEST_YEAR);
  }

  // --- PUT by an administrator: the next deadline uses it at once ----------------------------------

  @Test
  void anAdministratorsScheduleIsUsedByTheNextDeadlineAtOnceOnEveryNodeAndACorrectionRemovesAWrongDay()
      throws Exception {
    Answer first = put(ADMIN, 2040, Map.of("holidays", List.of("2040-01-01"), "workdays", List.of()));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("holidays")).extracting(JsonNode::asText).containsExactly("2040-01-01");
    assertThat(first.body().path("updatedBy").asText()).isEqualTo(ADMIN);

    // Monday 5 March 2040: five working days are 6, 7, 8, 9 and 12 March.
    at(LocalDateTime.of(2040, 3, 5, 10, 0));
    ProcessInstance before = classifiedItem();
    assertThat(deadlineDay(before)).isEqualTo(LocalDate.of(2040, 3, 12));
    // Another node of the cluster: its own cache, the same database. It has read 2040 already.
    WorkingDayCalendar otherNode = new WorkingDayCalendar(store);
    assertThat(otherNode.plusWorkingDays(LocalDate.of(2040, 3, 5), 5)).isEqualTo(LocalDate.of(2040, 3, 12));

    // Wednesday 7 March becomes a holiday: the next item's deadline is one working day later.
    Answer added = put(ADMIN, 2040, Map.of("holidays", List.of("2040-01-01", "2040-03-07"), "workdays", List.of()));
    assertThat(added.status()).isEqualTo(200);
    ProcessInstance after = classifiedItem();
    assertThat(deadlineDay(after)).isEqualTo(LocalDate.of(2040, 3, 13));
    assertThat(deadlineDay(before)).as("a deadline already computed keeps its date").isEqualTo(LocalDate.of(2040, 3, 12));
    assertThat(otherNode.plusWorkingDays(LocalDate.of(2040, 3, 5), 5)).isEqualTo(LocalDate.of(2040, 3, 13));
    assertThat(ledgerReads.eventKinds(steps.number(before))).doesNotContain(LedgerEvent.Kind.CALENDAR_MISSING.name());
    assertThat(ledgerReads.eventKinds(steps.number(after))).doesNotContain(LedgerEvent.Kind.CALENDAR_MISSING.name());

    // PUT replaces the whole year: the day left out is a working day again, here and on the other node.
    Answer corrected = put(ADMIN, 2040, Map.of("holidays", List.of("2040-01-01"), "workdays", List.of()));
    assertThat(corrected.status()).isEqualTo(200);
    assertThat(deadlineDay(classifiedItem())).isEqualTo(LocalDate.of(2040, 3, 12));
    assertThat(otherNode.plusWorkingDays(LocalDate.of(2040, 3, 5), 5)).isEqualTo(LocalDate.of(2040, 3, 12));

    // Each change is recorded: who, when, through which door, the year before and after.
    List<CalendarStore.Change> changes = store.changes(2040);
    assertThat(changes).hasSizeGreaterThanOrEqualTo(3);
    CalendarStore.Change addition = changes.get(changes.size() - 2);
    assertThat(addition.actor()).isEqualTo(ADMIN);
    assertThat(addition.door()).isEqualTo(Door.SERVICE_API);
    assertThat(addition.source()).isEqualTo(CalendarStore.Source.ADMIN);
    assertThat(addition.holidaysBefore()).isEqualTo("2040-01-01");
    assertThat(addition.holidaysAfter()).isEqualTo("2040-01-01, 2040-03-07");
    assertThat(addition.at().toInstant()).isEqualTo(ZonedDateTime.of(2040, 3, 5, 10, 0, 0, 0,
        EngineClock.BEIJING).toInstant());
    Answer record = get(ADMIN, "/api/calendar/2040/changes");
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.body().get(record.body().size() - 1).path("holidaysBefore").asText())
        .isEqualTo("2040-01-01, 2040-03-07");
    assertThat(record.body().get(record.body().size() - 1).path("doorLabel").asText()).isEqualTo("服务接口");
  }

  @Test
  void aYearIsAnsweredAsItCanBePutBackWithRangesJoined() throws Exception {
    Map<String, Object> year = Map.of(
        "holidays", List.of("2040-01-01", "2040-02-11..2040-02-17", "2040-02-18"),
        "workdays", List.of("2040-02-26"));
    assertThat(put(ADMIN, 2040, year).status()).isEqualTo(200);

    Answer read = get(CADRE, "/api/calendar/2040");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("year").asInt()).isEqualTo(2040);
    assertThat(read.body().path("holidays")).extracting(JsonNode::asText)
        .containsExactly("2040-01-01", "2040-02-11..2040-02-18");
    assertThat(read.body().path("workdays")).extracting(JsonNode::asText).containsExactly("2040-02-26");
    assertThat(read.body().path("source").asText()).isEqualTo("ADMIN");
    assertThat(calendar.isWorkingDay(LocalDate.of(2040, 2, 26))).as("a Sunday worked in exchange").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2040, 2, 14))).as("a Tuesday off").isFalse();

    Answer missing = get(CADRE, "/api/calendar/2041");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().path("detail").asText()).isEqualTo("2041年的节假日安排尚未录入工作日历");
  }

  // --- Refusals change nothing ---------------------------------------------------------------------

  @Test
  void aCadreMayReadTheCalendarButNotChangeItAndNothingChanges() throws Exception {
    Answer read = get(CADRE, "/api/calendar/2026");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("holidays")).extracting(JsonNode::asText).contains("2026-02-15..2026-02-23");
    Footprint before = footprint(2026);

    Answer refused = put(CADRE, 2026, Map.of("holidays", List.of("2026-01-01"), "workdays", List.of()));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.body().path("detail").asText()).isEqualTo("只有系统管理员可以修改工作日历");
    assertThat(footprint(2026)).isEqualTo(before);
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("Spring Festival Monday").isFalse();

    assertThat(get(CADRE, "/api/calendar/2026/changes").status()).isEqualTo(403);
    assertThat(put(null, 2026, Map.of("holidays", List.of("2026-01-01"))).status()).as("no login").isEqualTo(401);
    assertThat(footprint(2026)).isEqualTo(before);
  }

  @Test
  void aBadScheduleIsRefusedNamingEachProblemInChineseAndNothingIsStored() throws Exception {
    assertThat(put(ADMIN, 2040, Map.of("holidays", List.of("2040-01-01"), "workdays", List.of())).status())
        .isEqualTo(200);
    Footprint before = footprint(2040);

    // 7 March 2040 is a Wednesday, 8 March a Thursday, 11 March a Sunday, 12 March a Monday.
    Answer refused = put(ADMIN, 2040, Map.of(
        "holidays", List.of("2040-01-01", "2039-12-31", "2040-02-30", "2040-03-07",
            "2040-03-05..2040-03-09", "2040-05-03..2040-05-01"),
        "workdays", List.of("2040-03-08", "2040-03-11", "2040-03-12")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.body().path("type").asText()).isEqualTo("urn:shuoshi:problem:invalid-input");
    JsonNode errors = refused.body().path("errors");
    assertThat(errors.properties()).extracting(Map.Entry::getKey).containsExactly(
        "holidays[1]", "holidays[2]", "holidays[4]", "holidays[5]", "workdays[0]", "workdays[2]");
    assertThat(errors.path("holidays[1]").asText()).isEqualTo("节假日第2项“2039-12-31”不在2040年内");
    assertThat(errors.path("holidays[2]").asText()).startsWith("节假日第3项“2040-02-30”不是日期");
    assertThat(errors.path("holidays[4]").asText())
        .isEqualTo("节假日第5项中的 2040-03-07 已在第4项中列出：同一天不应重复列出");
    assertThat(errors.path("holidays[5]").asText()).isEqualTo("节假日第6项“2040-05-03..2040-05-01”的结束日期早于开始日期");
    assertThat(errors.path("workdays[0]").asText()).isEqualTo(
        "调休上班日第1项中的 2040-03-08（星期四） 不是周六或周日：调休上班日只能是周末；"
            + "调休上班日第1项中的 2040-03-08 同时列为节假日：一天不能既放假又上班");
    assertThat(errors.path("workdays[2]").asText())
        .isEqualTo("调休上班日第3项中的 2040-03-12（星期一） 不是周六或周日：调休上班日只能是周末");
    assertThat(refused.body().path("detail").asText()).startsWith("共有6处需要更正：").doesNotContain("Exception");
    assertThat(footprint(2040)).isEqualTo(before);

    // Neither is a body without holidays, a year out of range, nor what is not JSON.
    long changesBefore = changeCount();
    Answer noHolidays = put(ADMIN, 2041, Map.of("workdays", List.of()));
    assertThat(noHolidays.status()).isEqualTo(400);
    assertThat(noHolidays.body().path("errors").path("holidays").asText()).contains("不能为空");
    Answer outOfRange = put(ADMIN, 1999, Map.of("holidays", List.of("1999-01-01")));
    assertThat(outOfRange.body().path("errors").path("year").asText()).isEqualTo("年份应在2000年到2099年之间");
    assertThat(put(ADMIN, 2041, "{\"holidays\": [\"2041-01-01\"").status()).isEqualTo(400);
    assertThat(put(ADMIN, 2041, "{\"holidays\": {\"day\": 1}}").status()).isEqualTo(400);
    assertThat(get(ADMIN, "/api/calendar/next").status()).isEqualTo(400);
    assertThat(changeCount()).isEqualTo(changesBefore);
    assertThat(store.find(2041)).isEmpty();
  }

  // --- A year without its schedule ------------------------------------------------------------------

  @Test
  void aDeadlineCountedThroughAYearWithoutItsScheduleIsMarkedOnTheItemsHistory() throws Exception {
    assertThat(put(ADMIN, 2040, Map.of("holidays", List.of("2040-01-01"), "workdays", List.of())).status())
        .isEqualTo(200);

    // Thursday 27 December 2040: 28 and 31 December, then 1, 2 and 3 January 2041, which has no schedule:
    // New Year's Day counts as a working day.
    at(LocalDateTime.of(2040, 12, 27, 10, 0));
    ProcessInstance unknown = classifiedItem();
    assertThat(deadlineDay(unknown)).isEqualTo(LocalDate.of(2041, 1, 3));
    assertThat(ledgerReads.eventKinds(steps.number(unknown))).containsOnlyOnce(LedgerEvent.Kind.CALENDAR_MISSING.name());
    assertThat(note(unknown, LedgerEvent.Kind.CALENDAR_MISSING.name())).isEqualTo(
        "2041年的节假日和调休安排尚未录入工作日历：办理期限（2041年1月3日 23:59）及其签收、升级时间"
            + "暂按仅周六、周日休息计算，可能有误，请在录入后核对。");

    // Once 2041 is loaded, the next item's deadline skips New Year's Day and is not marked.
    assertThat(put(ADMIN, 2041, Map.of("holidays", List.of("2041-01-01"), "workdays", List.of())).status())
        .isEqualTo(200);
    ProcessInstance known = classifiedItem();
    assertThat(deadlineDay(known)).isEqualTo(LocalDate.of(2041, 1, 4));
    assertThat(ledgerReads.eventKinds(steps.number(known))).doesNotContain(LedgerEvent.Kind.CALENDAR_MISSING.name());
  }

  // --- Health, the status endpoint and the Admin app warn from 1 November ----------------------------

  @Test
  void healthAndTheStatusWarnFromTheFirstOfNovemberUntilNextYearIsLoadedAndHealthStays200() throws Exception {
    assertThat(put(ADMIN, 2040, Map.of("holidays", List.of("2040-01-01"), "workdays", List.of())).status())
        .isEqualTo(200);
    AdminSession admin = AdminSession.login(port, ADMIN, password(ADMIN));

    at(LocalDateTime.of(2040, 10, 31, 23, 59, 59));
    assertThat(calendarHealth()).isEqualTo("UP");
    Answer october = get(CADRE, "/api/calendar/status");
    assertThat(october.body().path("warning").asBoolean()).isFalse();
    assertThat(october.body().path("nextYear").asInt()).isEqualTo(2041);
    assertThat(october.body().path("nextYearLoaded").asBoolean()).isFalse();
    assertThat(october.body().path("message").asText()).contains("2040年");

    // 1 November, just after midnight in Beijing (still 31 October at UTC).
    at(LocalDateTime.of(2040, 11, 1, 0, 0, 1));
    assertThat(calendarHealth()).isEqualTo("WARNING");
    Answer november = get(CADRE, "/api/calendar/status");
    assertThat(november.body().path("warning").asBoolean()).isTrue();
    assertThat(november.body().path("missingYears")).extracting(JsonNode::asInt).containsExactly(2041);
    assertThat(november.body().path("message").asText())
        .startsWith("2041年的节假日和调休安排尚未录入工作日历。").contains("PUT /api/calendar/2041");
    JsonNode onAdminStartPage = admin.status();
    assertThat(onAdminStartPage.path("warning").asBoolean()).isTrue();
    assertThat(onAdminStartPage.path("message").asText()).isEqualTo(november.body().path("message").asText());

    assertThat(put(ADMIN, 2041, Map.of("holidays", List.of("2041-01-01"), "workdays", List.of())).status())
        .isEqualTo(200);
    assertThat(calendarHealth()).isEqualTo("UP");
    assertThat(get(CADRE, "/api/calendar/status").body().path("warning").asBoolean()).isFalse();
    assertThat(admin.status().path("warning").asBoolean()).isFalse();

    // This year's schedule missing: a warning all year round.
    at(LocalDateTime.of(2042, 3, 2, 9, 0));
    assertThat(calendarHealth()).isEqualTo("WARNING");
    assertThat(get(CADRE, "/api/calendar/status").body().path("missingYears")).extracting(JsonNode::asInt)
        .containsExactly(2042);
  }

  @Test
  void theAdminAppLoadsTheCalendarSectionAndOnlyALoggedInUserReadsItsStatus() throws Exception {
    HttpClient anonymous = HttpClient.newHttpClient();
    HttpResponse<String> index = anonymous.send(HttpRequest.newBuilder(
        URI.create(base() + "/camunda/app/admin/default/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(index.body()).contains("admin-plugin-shuoshiCalendar");
    HttpResponse<String> script = anonymous.send(HttpRequest.newBuilder(URI.create(base()
        + "/camunda/api/admin/plugin/shuoshiCalendar/static/app/plugin.js")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("admin.dashboard.section").contains("工作日历");
    HttpResponse<String> status = anonymous.send(HttpRequest.newBuilder(URI.create(base()
        + "/camunda/api/admin/plugin/shuoshiCalendar/default/status")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isIn(401, 403);
    assertThat(status.body()).doesNotContain("节假日");
  }

  // --- The calendar file seeds an empty table, once -----------------------------------------------------

  @Test
  void theBundledFileSeedsAnEmptyTableAndNeverOverwritesAYearTheTableHas() throws Exception {
    try {
      jdbc.update("delete from working_calendar_day");
      jdbc.update("delete from working_calendar_year");
      assertThat(store.versions()).isEmpty();

      assertThat(bundled.seedMissingYears()).containsExactly(2025, 2026);

      CalendarStore.Stored year2026 = store.find(2026).orElseThrow();
      assertThat(year2026.source()).isEqualTo(CalendarStore.Source.BUNDLED);
      assertThat(year2026.changedBy()).isEqualTo("system");
      // The State Council's notice of 2025-11-04 (DOMAIN.md).
      assertThat(year2026.schedule().holidayEntries()).containsExactly("2026-01-01..2026-01-03",
          "2026-02-15..2026-02-23", "2026-04-04..2026-04-06", "2026-05-01..2026-05-05", "2026-06-19..2026-06-21",
          "2026-09-25..2026-09-27", "2026-10-01..2026-10-07");
      assertThat(year2026.schedule().workdayEntries()).containsExactly("2026-01-04", "2026-02-14", "2026-02-28",
          "2026-05-09", "2026-09-20", "2026-10-10");
      assertThat(store.find(2025).orElseThrow().schedule().holidays())
          .isEqualTo(BundledCalendar.read(new ClassPathResource("calendar/cn-working-days.yaml")).get(2025).holidays());
      assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 9, 29), 5)).isEqualTo(LocalDate.of(2025, 10, 13));

      // An administrator's correction outlives the next start: the file is not read again for 2026.
      List<String> corrected = new ArrayList<>(year2026.schedule().holidayEntries());
      corrected.add("2026-12-31");
      assertThat(put(ADMIN, 2026, Map.of("holidays", corrected, "workdays", year2026.schedule().workdayEntries()))
          .status()).isEqualTo(200);
      assertThat(bundled.seedMissingYears()).isEmpty();
      assertThat(store.find(2026).orElseThrow().schedule().holidays()).contains(LocalDate.of(2026, 12, 31));
      assertThat(store.find(2026).orElseThrow().source()).isEqualTo(CalendarStore.Source.ADMIN);
    } finally {
      // The other tests count on the file's years.
      jdbc.update("delete from working_calendar_day where cal_year < ?", FIRST_TEST_YEAR);
      jdbc.update("delete from working_calendar_year where cal_year < ?", FIRST_TEST_YEAR);
      bundled.seedMissingYears();
    }
  }

  @Test
  void nodesStartingTogetherStoreAYearOfTheFileOnce() throws Exception {
    YearSchedule year = YearSchedule.parse(2045, List.of("2045-01-01"), List.of());
    long changesBefore = changeCount();
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> stored = nodes.invokeAll(List.of(
          () -> {
            together.await();
            return store.addIfAbsent(year, "system", Door.SYSTEM, CalendarStore.Source.BUNDLED,
                ClockUtil.getCurrentTime().toInstant());
          },
          () -> {
            together.await();
            return store.addIfAbsent(year, "system", Door.SYSTEM, CalendarStore.Source.BUNDLED,
                ClockUtil.getCurrentTime().toInstant());
          }));
      assertThat(List.of(stored.get(0).get(), stored.get(1).get())).containsExactlyInAnyOrder(true, false);
    } finally {
      nodes.shutdown();
    }
    assertThat(changeCount()).isEqualTo(changesBefore + 1);
    assertThat(store.find(2045).orElseThrow().schedule().holidays()).containsExactly(LocalDate.of(2045, 1, 1));
  }

  // --- Computing a deadline stays cheap -----------------------------------------------------------------

  @Test
  void computingADeadlineReadsOnlyTheVersionsOnceTheYearIsCached() {
    LocalDate monday = LocalDate.of(2026, 6, 1);
    calendar.plusWorkingDays(monday, 5);
    int rounds = 2000;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      // Five working days and the grace of two after them: what one deadline costs.
      WorkingDayCalendar.Reckoning days = calendar.reckoning();
      days.plusWorkingDays(days.plusWorkingDays(monday.plusDays(i % 100), 5), 2);
    }
    double microseconds = (System.nanoTime() - start) / 1000.0 / rounds;
    // For scale: the step that computes a deadline (a cadre classifies a registered item).
    int steps = 5;
    List<ProcessInstance> registered = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      registered.add(this.steps.register(CADRE, Forms.register("LS18")));
    }
    long stepStart = System.nanoTime();
    for (ProcessInstance item : registered) {
      this.steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    }
    double stepMicroseconds = (System.nanoTime() - stepStart) / 1000.0 / steps;
    System.out.printf("Working-day calendar: %.0f µs per deadline (one version query, cached years); "
        + "the classification step that computes it: %.0f µs%n", microseconds, stepMicroseconds);
    // A single query on a table of a few rows: well below a millisecond on H2 and a local PostgreSQL
    // at rest; the bound leaves room for a busy machine.
    assertThat(microseconds).isLessThan(5000);
  }

  // --- helpers -----------------------------------------------------------------------------------------

  ProcessInstance classifiedItem() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS18"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    return item;
  }

  LocalDate deadlineDay(ProcessInstance item) {
    return ((Date) items.unitVariable(item, DEADLINE)).toInstant().atZone(EngineClock.BEIJING).toLocalDate();
  }

  String note(ProcessInstance item, String kind) {
    return jdbc.queryForObject("select e.note from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind = ?", String.class, steps.number(item), kind);
  }

  static void at(LocalDateTime beijing) {
    ClockUtil.setCurrentTime(Date.from(beijing.atZone(EngineClock.BEIJING).toInstant()));
  }

  String calendarHealth() throws Exception {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode().value()).as("load balancers need 200").isEqualTo(200);
    JsonNode body = json.readTree(health.getBody());
    assertThat(body.path("status").asText()).isEqualTo("UP");
    return body.path("components").path("workingCalendar").path("status").asText();
  }

  long changeCount() {
    return jdbc.queryForObject("select count(*) from working_calendar_change", Long.class);
  }

  Footprint footprint(int year) {
    return new Footprint(
        jdbc.queryForList("select cal_date, kind from working_calendar_day where cal_year = ? order by cal_date", year),
        jdbc.queryForList("select change_id from working_calendar_year where cal_year = ?", Long.class, year),
        jdbc.queryForObject("select count(*) from working_calendar_change where cal_year = ?", Long.class, year));
  }

  Answer put(String user, int year, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, password(user));
    }
    String text = body instanceof String s ? s : json.writeValueAsString(body);
    return answer(http.exchange("/api/calendar/" + year, HttpMethod.PUT,
        new HttpEntity<>(text.getBytes(StandardCharsets.UTF_8), headers), byte[].class));
  }

  Answer get(String user, String path) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password(user));
    return answer(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class));
  }

  Answer answer(ResponseEntity<byte[]> response) throws Exception {
    byte[] body = response.getBody();
    return new Answer(response.getStatusCode().value(), response.getHeaders(),
        body == null || body.length == 0 ? null : json.readTree(new String(body, StandardCharsets.UTF_8)));
  }

  String base() {
    return "http://localhost:" + port;
  }

  static String password(String user) {
    return TestOrganisation.password(user);
  }

  /**
   * An administrator of the tests: member of camunda-admin. The group and its grants are made by
   * camunda.bpm.admin-user, which the tests do not set: made here the same way (ALL on every resource).
   */
  void administrator(String id) {
    TestOrganisation.administrator(identity, authorizations, id, "日历管理员");
  }

  /** The Admin app in a browser: logged in through its login form, holding its session cookie. */
  record AdminSession(HttpClient client, String base, CookieManager cookies) {

    static AdminSession login(int port, String user, String password) throws Exception {
      CookieManager cookies = new CookieManager();
      AdminSession session = new AdminSession(HttpClient.newBuilder().cookieHandler(cookies).build(),
          "http://localhost:" + port, cookies);
      session.send("GET", "/camunda/app/admin/default/", null);
      HttpResponse<String> login = session.send("POST", "/camunda/api/admin/auth/user/default/login/admin",
          "username=" + user + "&password=" + password);
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      return session;
    }

    JsonNode status() throws Exception {
      HttpResponse<String> status = send("GET", "/camunda/api/admin/plugin/shuoshiCalendar/default/status", null);
      assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
      return new ObjectMapper().readTree(status.body());
    }

    HttpResponse<String> send(String method, String path, String form) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form))
          .header("Accept", "application/json, text/plain, */*");
      if (form != null) {
        request.header("Content-Type", "application/x-www-form-urlencoded");
      }
      cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).reduce((a, b) -> b).ifPresent(token -> request.header("X-XSRF-TOKEN", token));
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
