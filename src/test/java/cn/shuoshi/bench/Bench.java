package cn.shuoshi.bench;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;

import cn.shuoshi.ShuoshiApplication;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.organisation.OrganisationImporter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The benchmark harness (docs/PERFORMANCE.md): starts the whole service with the production profile
 * on a PostgreSQL database of its own, runs the scenarios, prints every figure as
 * {@code name=value unit} and writes them to target/bench/results.json. Not a test: run it with
 * {@code ./mvnw -Pbench process-test-classes} (sizes and scenarios: -Dbench.*).
 */
public final class Bench {

  static final String VILLAGE_CADRE_PASSWORD = "Bench#Shuoshi2026";
  static final String ADMIN_PASSWORD = "Bench#Pass2026x";
  static final List<String> VILLAGES = List.of("LS01", "LS02", "LS03", "LS04", "LS05", "LS06", "LS07", "LS08", "LS09",
      "LS10", "LS11", "LS12", "LS13", "LS14", "LS15", "LS16", "LS17", "LS18");

  final Results results = new Results();
  final boolean full = "full".equals(System.getProperty("bench.size", "small"));
  final Set<String> scenarios = Set.of(System.getProperty("bench.scenarios",
      "ceiling,cycle,timers,queries,intake").split(","));
  final int threads = Integer.getInteger("bench.threads", 2);
  final int items = Integer.getInteger("bench.items", full ? 1000 : 30);
  final int timersSmall = Integer.getInteger("bench.timers.small", full ? 10_000 : 2_000);
  final int timersLarge = Integer.getInteger("bench.timers.large", full ? 1_000_000 : 20_000);
  final int dueBatch = Integer.getInteger("bench.timers.due", full ? 1_000 : 100);
  final int closedItems = Integer.getInteger("bench.history.closed", full ? 1_000_000 : 3_000);
  final int openItems = Integer.getInteger("bench.history.open", full ? 100_000 : 400);
  /**
   * Engine tables copied for the province-scale queries. By default the tables those queries (and the
   * Tasklist, Cockpit's instance lists, history clean-up) read; "all" copies every ACT_HI table too,
   * about 170 rows per closed item at audit level — hours at 1M items on a small machine.
   */
  final String copyTables = System.getProperty("bench.copy.tables",
      "act_hi_procinst|act_hi_taskinst|act_ru_execution|act_ru_task|act_ru_identitylink|act_ru_job");
  final int provinceVillages = Integer.getInteger("bench.villages", 15_000);
  final int intakeSeconds = Integer.getInteger("bench.intake.seconds", full ? 60 : 5);
  final int intakeClients = Integer.getInteger("bench.intake.clients", 4);
  final int commitSeconds = Integer.getInteger("bench.commit.seconds", full ? 10 : 3);
  final String database = System.getProperty("bench.db", "shuoshi_perf_bench");
  final String server = System.getProperty("bench.server", "jdbc:postgresql://127.0.0.1:5432/");
  final String user = System.getProperty("bench.user", "postgres");
  final String password = System.getProperty("bench.password", "");
  final String historyLevel = System.getProperty("bench.history-level", "");
  /** Counts and times every statement of the cycle's phases (-Dbench.sql-profile=true). */
  final SqlProfile sqlProfile = Boolean.getBoolean("bench.sql-profile") ? new SqlProfile() : null;

  ConfigurableApplicationContext context;
  JdbcTemplate jdbc;
  ProcessEngineConfigurationImpl engine;
  int port;

  public static void main(String[] args) throws Exception {
    Bench bench = new Bench();
    int status = 0;
    try {
      bench.run();
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    } finally {
      bench.results.write(Path.of(System.getProperty("bench.out", "target/bench/results.json")));
      if (bench.context != null) {
        bench.context.close();
      }
    }
    System.exit(status);
  }

  void run() throws Exception {
    if (!database.matches("[a-z0-9_]*(bench|perf)[a-z0-9_]*")) {
      throw new IllegalArgumentException("bench.db must name a benchmark database (…bench… or …perf…): " + database);
    }
    results.context("size", full ? "full" : "small");
    results.context("database", database);
    results.context("threads", threads);
    results.context("cores", Runtime.getRuntime().availableProcessors());
    results.context("started", java.time.Instant.now());
    if (!Boolean.getBoolean("bench.keep")) {
      recreateDatabase();
    }
    long t0 = System.nanoTime();
    start();
    results.log("service started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    results.context("historyLevel", engine.getHistoryLevel().getName());
    results.context("postgres", jdbc.queryForObject("select version()", String.class));
    importOrganisation();

    if (scenarios.contains("ceiling")) {
      ceiling();
    }
    if (scenarios.contains("cycle")) {
      cycle();
    }
    if (scenarios.contains("timers")) {
      timers();
    }
    if (scenarios.contains("intake")) {
      intake();
    }
    if (scenarios.contains("queries")) {
      queries();
    }
  }

  // --- set-up --------------------------------------------------------------------------------------

  void recreateDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(server + "postgres", user, password);
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("create database " + database);
    }
    results.log("fresh database " + database);
  }

  void start() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("SHUOSHI_DB_URL", server + database);
    props.put("SHUOSHI_DB_USER", user);
    props.put("SHUOSHI_DB_PASSWORD", password);
    // A benchmark machine's server often trusts local connections (docs/PERFORMANCE.md).
    props.put("SHUOSHI_DB_PASSWORDLESS", String.valueOf(password.isEmpty()));
    props.put("SHUOSHI_ADMIN_PASSWORD", ADMIN_PASSWORD);
    props.put("PORT", "0");
    props.put("server.address", "127.0.0.1");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.cn.shuoshi.bench", "INFO");
    if (!historyLevel.isEmpty()) {
      // application.yaml names a level; a system property ranks above it.
      System.setProperty("camunda.bpm.history-level", historyLevel);
    }
    SpringApplication app = new SpringApplication(ShuoshiApplication.class);
    app.setAdditionalProfiles("postgres");
    app.setDefaultProperties(props);
    app.addInitializers(c -> c.getBeanFactory().registerSingleton("benchTimersFired", timersFired));
    if (sqlProfile != null) {
      app.addInitializers(c -> c.getBeanFactory().addBeanPostProcessor(sqlProfile));
    }
    // System properties (-Dcamunda.bpm…) still override: they rank above the defaults.
    context = app.run();
    jdbc = context.getBean(JdbcTemplate.class);
    engine = (ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class).getProcessEngineConfiguration();
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  void importOrganisation() throws Exception {
    try (InputStream units = new ClassPathResource("demo/organisation/units.csv").getInputStream();
        InputStream cadres = new ClassPathResource("demo/organisation/cadres.csv").getInputStream()) {
      context.getBean(OrganisationImporter.class).importCsv(units, cadres, u -> VILLAGE_CADRE_PASSWORD);
    }
  }

  // --- 6. the ceiling: PostgreSQL's commit rate --------------------------------------------------------

  void ceiling() throws Exception {
    jdbc.execute("create table if not exists bench_commit (id bigserial primary key, at timestamptz not null, "
        + "note varchar(100))");
    for (int k : new int[] {1, threads}) {
      long deadline = System.nanoTime() + commitSeconds * 1_000_000_000L;
      AtomicLong commits = new AtomicLong();
      parallel(k, i -> {
        try (Connection c = DriverManager.getConnection(server + database, user, password);
            PreparedStatement p = c.prepareStatement("insert into bench_commit (at, note) values (now(), ?)")) {
          c.setAutoCommit(true);
          while (System.nanoTime() < deadline) {
            p.setString(1, "commit");
            p.executeUpdate();
            commits.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      results.add("pg_commit_rate_" + k + "_connections", commits.get() / (double) commitSeconds, "commits/s");
    }
    jdbc.execute("drop table bench_commit");
  }

  // --- 1. and 5. the full village cycle against a bare process; bytes per closed item -------------------

  static final String BARE = "benchBare";

  void cycle() throws Exception {
    deployBare();
    MatterSteps steps = context.getBean(MatterSteps.class);
    // Warm up both (JIT, caches), not counted.
    for (int i = 0; i < Math.max(4, threads * 2); i++) {
      villageCycle(steps, VILLAGES.get(i % VILLAGES.size()));
      bareCycle(steps, VILLAGES.get(i % VILLAGES.size()));
    }
    // The warm-up items' engine history expires first, so that the baseline holds none of it.
    expireHistory();
    // Sizes of every table rewritten compactly (VACUUM FULL), before and after: the live rows and their
    // indexes. Plain VACUUM leaves the space of rows written and deleted during the run allocated
    // (runtime tables, grants of finished tasks), which at this size outweighed the lasting rows.
    Map<String, Long> compactBefore = compactSizes();
    Map<String, long[]> sqlBefore = sqlProfile != null ? sqlProfile.snapshot() : null;
    if (sqlProfile != null) {
      sqlProfile.byStep.clear();
    }
    Map<String, Long> stepsBefore = stepSnapshot();
    Map<String, long[]> rowsBefore = sqlProfile != null ? rowsWritten() : null;
    List<String> measured = java.util.Collections.synchronizedList(new ArrayList<>());
    double matter = timed(items, i -> measured.add(villageCycle(steps, VILLAGES.get(i % VILLAGES.size())).getId()));
    if (sqlProfile != null) {
      sqlProfile.print(results, "matter", sqlBefore, items);
      printSteps("matter", stepsBefore, items);
      sqlProfile.printSteps(results, "matter", items, Integer.getInteger("bench.sql-profile.step-rows", 12));
      printRows("matter", rowsBefore, items);
    }
    Map<String, Long> compactKept = compactSizes();
    bytesPerItem(compactBefore, compactKept, items);
    // Then the engine history of the closed items expires (time to live), the clean-up removes it:
    // what the ledger, the audit trail and whatever else the engine keeps cost per closed item for good.
    double[] cleanup = expireHistory();
    results.add("history_cleanup_items_per_s", cleanup[0] / cleanup[1], "items/s");
    leftOverHistory(measured);
    Map<String, Long> compactExpired = compactSizes();
    results.add("cycle_bytes_per_closed_item_after_history_expiry",
        total(compactBefore, compactExpired, items, "after history expiry"), "B");
    if (sqlProfile != null) {
      Map<String, long[]> bareBefore = sqlProfile.snapshot();
      sqlProfile.byStep.clear();
      Map<String, Long> bareStepsBefore = stepSnapshot();
      Map<String, long[]> bareRowsBefore = rowsWritten();
      timed(items, i -> bareCycle(steps, VILLAGES.get(i % VILLAGES.size())));
      sqlProfile.print(results, "bare", bareBefore, items);
      printSteps("bare", bareStepsBefore, items);
      sqlProfile.printSteps(results, "bare", items, Integer.getInteger("bench.sql-profile.step-rows", 12));
      printRows("bare", bareRowsBefore, items);
    }
    // The ratio from both processes at once: as many cadres work the service's items as work the bare
    // process's, on separate threads, over the same stretch of time, so that whatever else the machine
    // does falls on both alike. (Run one after the other, or in alternating batches of a few items, a
    // busy moment on this shared machine fell on one of them and moved the ratio by up to 0.1 between
    // otherwise equal runs.) The window closes when the service's items reach the count; each side's
    // items finished inside it give its rate.
    int ratioItems = Integer.getInteger("bench.ratio.items", Math.max(items, 90));
    int[] done = together(steps, ratioItems);
    double window = done[2] / 1000.0;
    results.add("cycle_ratio_items", done[0], "items");
    results.add("cycle_matter_items_per_s", done[0] / window, "items/s");
    results.add("cycle_bare_items_per_s", done[1] / window, "items/s");
    results.add("cycle_ratio_matter_to_bare", done[0] / (double) done[1], "x");
    results.add("cycle_matter_alone_items_per_s", matter, "items/s");
  }

  /**
   * The engine history of every closed item expires: the engine clock moves past the longest time to
   * live of the models (their removal time, which every process of an item takes from its root when
   * the item ends), the engine's history clean-up job runs until nothing due is left, the clock comes
   * back. The job executor stays out of it. Returns the closed items removed and the seconds taken.
   */
  double[] expireHistory() {
    org.camunda.bpm.engine.HistoryService history = context.getBean(org.camunda.bpm.engine.HistoryService.class);
    org.camunda.bpm.engine.ManagementService management = context.getBean(
        org.camunda.bpm.engine.ManagementService.class);
    JobExecutor executor = engine.getJobExecutor();
    executor.shutdown();
    int ttlDays = jdbc.queryForObject("select coalesce(max(history_ttl_), 0) from act_re_procdef", Integer.class);
    java.util.Date future = new java.util.Date(System.currentTimeMillis() + (ttlDays + 1L) * 86_400_000L);
    try {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(future);
      java.sql.Timestamp at = new java.sql.Timestamp(future.getTime());
      long due = jdbc.queryForObject("select count(*) from act_hi_procinst where proc_def_key_ = 'matter' "
          + "and removal_time_ <= ?", Long.class, at);
      long t0 = System.nanoTime();
      String job = history.cleanUpHistoryAsync(true).getId();
      int runs = 0;
      while (dueRows(at) > 0 && runs++ < 10_000) {
        String id = management.createJobQuery().jobId(job).singleResult() != null ? job
            : history.findHistoryCleanupJobs().get(0).getId();
        try {
          management.executeJob(id);
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
          // try again
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      results.log("history clean-up: " + due + " closed items in " + runs + " runs of the job, "
          + Math.round(seconds * 1000) + " ms");
      return new double[] {due, seconds};
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
      executor.start();
    }
  }

  /** Rows of the engine's history (and its byte arrays) whose removal time has come. */
  long dueRows(java.sql.Timestamp at) {
    long n = 0;
    for (String table : jdbc.queryForList("select table_name from information_schema.columns where table_schema = "
        + "current_schema() and column_name = 'removal_time_' and (table_name like 'act_hi_%' or table_name in "
        + "('act_ge_bytearray', 'act_ru_authorization'))", String.class)) {
      n += jdbc.queryForObject("select count(*) from " + table + " where removal_time_ <= ?", Long.class, at);
    }
    Integer metricsDays = engine.getParsedTaskMetricsTimeToLive();
    if (metricsDays != null) {
      n += jdbc.queryForObject("select count(*) from act_ru_task_meter_log where timestamp_ <= ?", Long.class,
          new java.sql.Timestamp(at.getTime() - metricsDays * 86_400_000L));
    }
    return n;
  }

  /** After the clean-up nothing of the measured items may be left in the engine's tables: says what is. */
  void leftOverHistory(List<String> roots) {
    long left = 0;
    String ids = "'" + String.join("','", roots) + "'";
    for (String table : jdbc.queryForList("select table_name from information_schema.columns where table_schema = "
        + "current_schema() and column_name = 'root_proc_inst_id_' and table_name like 'act_%'", String.class)) {
      long n = jdbc.queryForObject("select count(*) from " + table + " where root_proc_inst_id_ in (" + ids + ")",
          Long.class);
      if (n > 0) {
        results.log("left after the history's time to live in " + table + ": " + n + " rows of the measured items");
      }
      left += n;
    }
    results.add("cycle_engine_rows_left_after_history_expiry", left, "rows");
    if (left > 0) {
      // Every process an item runs must expire with it (issue 16): a model or a history setting broke that.
      throw new IllegalStateException(left + " engine rows of closed items outlived their history's time to live");
    }
  }

  /** Every table of the schema rewritten compactly (VACUUM FULL): its live rows and their indexes. */
  Map<String, Long> compactSizes() {
    for (String table : jdbc.queryForList("select c.relname from pg_class c join pg_namespace n on n.oid = "
        + "c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'", String.class)) {
      jdbc.execute("vacuum full analyze \"" + table + "\"");
    }
    return sizes();
  }

  /** Bytes per item between two measurements; with a label, also each table that changed. */
  double total(Map<String, Long> before, Map<String, Long> after, int n, String label) {
    long sum = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (label != null && delta != 0) {
        results.log("bytes per item " + label + " in " + e.getKey() + ": " + delta / n);
      }
      sum += delta;
    }
    return sum / (double) n;
  }

  double timed(int n, IntConsumer one) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    parallel(threads, k -> {
      int i;
      while ((i = next.getAndIncrement()) < n) {
        one.accept(i);
      }
    });
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /**
   * {@link #threads} workers cycle the service's items and as many the bare process's, at the same
   * time, until the service's items reach {@code target}: the items each finished by then, and the
   * milliseconds that took.
   */
  int[] together(MatterSteps steps, int target) throws Exception {
    AtomicInteger matterDone = new AtomicInteger();
    AtomicInteger bareDone = new AtomicInteger();
    AtomicInteger matterNext = new AtomicInteger();
    AtomicInteger bareNext = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    long t0 = System.nanoTime();
    AtomicLong closedAt = new AtomicLong();
    AtomicInteger bareAtClose = new AtomicInteger();
    parallel(threads * 2, k -> {
      boolean matter = k % 2 == 0;
      while (open.get()) {
        if (matter) {
          villageCycle(steps, VILLAGES.get(matterNext.getAndIncrement() % VILLAGES.size()));
          if (open.get() && matterDone.incrementAndGet() == target && open.compareAndSet(true, false)) {
            closedAt.set(System.nanoTime());
            bareAtClose.set(bareDone.get());
          }
        } else {
          bareCycle(steps, VILLAGES.get(bareNext.getAndIncrement() % VILLAGES.size()));
          if (open.get()) {
            bareDone.incrementAndGet();
          }
        }
      }
    });
    return new int[] {target, bareAtClose.get(), (int) ((closedAt.get() - t0) / 1_000_000)};
  }

  /** register → classify → handle → verify → feedback → review, each by the cadre the process names. */
  ProcessInstance villageCycle(MatterSteps steps, String village) {
    String cadre = village.toLowerCase() + "_ganbu1";
    ProcessInstance item = step("matter register", () -> steps.register(cadre, Forms.register(village)));
    step("matter classify", () -> steps.complete(cadre, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", cadre)));
    step("matter handle", () -> steps.complete(cadre, item, HANDLE_MATTER, Forms.resolved()));
    step("matter verify", () -> steps.complete(village.toLowerCase() + "_ganbu2", item, VERIFY_RESULT,
        Forms.verified("CONFIRMED", null)));
    step("matter feedback", () -> steps.complete(cadre, item, FEEDBACK_TO_RESIDENT, Forms.feedback()));
    step("matter review", () -> steps.complete(village.toLowerCase() + "_shuji", item, REVIEW_SATISFACTION,
        Forms.rated("SATISFIED", null)));
    return item;
  }

  /** Milliseconds spent in each step of either cycle, for -Dbench.sql-profile (printed per item). */
  final Map<String, AtomicLong> stepNanos = new java.util.concurrent.ConcurrentHashMap<>();

  <T> T step(String name, java.util.function.Supplier<T> work) {
    if (sqlProfile == null) {
      return work.get();
    }
    long t0 = System.nanoTime();
    SqlProfile.step.set(name);
    try {
      return work.get();
    } finally {
      SqlProfile.step.remove();
      stepNanos.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(System.nanoTime() - t0);
    }
  }

  void step(String name, Runnable work) {
    step(name, () -> {
      work.run();
      return null;
    });
  }

  void printSteps(String prefix, Map<String, Long> before, int n) {
    stepNanos.forEach((name, nanos) -> {
      if (name.startsWith(prefix)) {
        results.log(String.format(java.util.Locale.ROOT, "step %s: %.1f ms", name,
            (nanos.get() - before.getOrDefault(name, 0L)) / 1e6 / n));
      }
    });
  }

  /** Rows inserted, updated and deleted so far, by table, as the driver reported them (SqlProfile). */
  Map<String, long[]> rowsWritten() {
    return sqlProfile.rows();
  }

  void printRows(String phase, Map<String, long[]> before, int n) {
    rowsWritten().forEach((table, now) -> {
      long[] b = before.getOrDefault(table, new long[3]);
      if (now[0] != b[0] || now[1] != b[1] || now[2] != b[2]) {
        results.log(String.format(java.util.Locale.ROOT, "rows %s %s: +%.1f ~%.1f -%.1f per item", phase, table,
            (now[0] - b[0]) / (double) n, (now[1] - b[1]) / (double) n, (now[2] - b[2]) / (double) n));
      }
    });
  }

  Map<String, Long> stepSnapshot() {
    Map<String, Long> copy = new HashMap<>();
    stepNanos.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  void deployBare() {
    // The same forms as matter.bpmn and unit-handling.bpmn (the integrity rules accept a submission only
    // with its form's fields, and a registration without a chosen number), the same candidate-group
    // expressions, the registering cadre as assignee: what differs is only the service's own logic.
    AbstractFlowNodeBuilder<?, ?> b = Bpmn.createExecutableProcess(BARE).camundaHistoryTimeToLive(365)
        .startEvent("start").camundaFormRef("matter-register").camundaFormRefBinding("latest")
        .camundaInitiator("cadre");
    String committee = "${org.villageCommittee(villageCode)}";
    b = b.userTask("classify").camundaFormRef("matter-classify").camundaFormRefBinding("latest")
        .camundaAssignee("${cadre}").camundaCandidateGroups(committee)
        .userTask("handle").camundaFormRef("matter-handle").camundaFormRefBinding("latest")
        .camundaAssignee("${cadre}").camundaCandidateGroups(committee)
        .userTask("verify").camundaFormRef("matter-verify").camundaFormRefBinding("latest")
        .camundaCandidateGroups(committee)
        .userTask("feedback").camundaFormRef("matter-feedback").camundaFormRefBinding("latest")
        .camundaAssignee("${cadre}").camundaCandidateGroups(committee)
        .userTask("review").camundaFormRef("matter-review").camundaFormRefBinding("latest")
        .camundaCandidateGroups(committee + ",${org.villageSecretary(villageCode)}");
    BpmnModelInstance model = b.endEvent("end").done();
    context.getBean(RepositoryService.class).createDeployment().name("bench").enableDuplicateFiltering(true)
        .addModelInstance("benchBare.bpmn", model).deploy();
    // Authorization is on: the cadres who register items may start the bare process as they start matter.
    AuthorizationService authorizations = context.getBean(AuthorizationService.class);
    if (authorizations.createAuthorizationQuery().resourceType(Resources.PROCESS_DEFINITION).resourceId(BARE).count() == 0) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
      grant.setResource(Resources.PROCESS_DEFINITION);
      grant.setResourceId(BARE);
      grant.addPermission(Permissions.READ);
      grant.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
      authorizations.saveAuthorization(grant);
    }
  }

  /**
   * The same five user tasks, submitted with the same form values by the same cadres through the
   * same engine calls (each step is {@link MatterSteps#complete}), without the service's logic: no
   * form checks, DMN, call activity, deadline timers or ledger.
   */
  void bareCycle(MatterSteps steps, String village) {
    String v = village.toLowerCase();
    RepositoryService repository = context.getBean(RepositoryService.class);
    FormService forms = context.getBean(FormService.class);
    String cadre = v + "_ganbu1";
    Map<String, Object> start = new HashMap<>(Forms.register(village));
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey(BARE).latestVersion()
        .singleResult().getId();
    ProcessInstance item = step("bare register", () -> as(cadre, () -> forms.submitStartForm(definition, start)));
    step("bare classify", () -> steps.complete(cadre, item, "classify", Forms.classify("VILLAGE", cadre)));
    step("bare handle", () -> steps.complete(cadre, item, "handle", Forms.resolved()));
    step("bare verify", () -> steps.complete(v + "_ganbu2", item, "verify", Forms.verified("CONFIRMED", null)));
    step("bare feedback", () -> steps.complete(cadre, item, "feedback", Forms.feedback()));
    step("bare review", () -> steps.complete(v + "_shuji", item, "review", Forms.rated("SATISFIED", null)));
  }

  <T> T as(String cadre, Callable<T> step) {
    IdentityService identity = context.getBean(IdentityService.class);
    identity.setAuthentication(cadre, identity.createGroupQuery().groupMember(cadre).list().stream()
        .map(g -> g.getId()).toList());
    try {
      return step.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      identity.clearAuthentication();
    }
  }

  void vacuum() {
    jdbc.execute("vacuum analyze");
  }

  /** Bytes of every table with its indexes and TOAST, by table. */
  Map<String, Long> sizes() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    jdbc.query("select c.relname, pg_total_relation_size(c.oid) from pg_class c join pg_namespace n on n.oid = "
        + "c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'", rs -> {
          sizes.put(rs.getString(1), rs.getLong(2));
        });
    return sizes;
  }

  void bytesPerItem(Map<String, Long> before, Map<String, Long> after, int n) {
    long runtime = 0;
    long history = 0;
    long own = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      String t = e.getKey();
      if (delta != 0) {
        results.log("bytes per item in " + t + ": " + delta / n);
      }
      if (t.startsWith("act_hi_")) {
        history += delta;
      } else if (t.startsWith("act_")) {
        runtime += delta;
      } else {
        own += delta;
      }
    }
    results.add("bytes_per_closed_item_runtime", runtime / (double) n, "B");
    results.add("bytes_per_closed_item_history", history / (double) n, "B");
    results.add("bytes_per_closed_item_own_tables", own / (double) n, "B");
    results.add("bytes_per_closed_item", (runtime + history + own) / (double) n, "B");
  }

  // --- 2. timers: acquisition and firing with few and with many pending timers -------------------------

  static final String TIMER = "benchTimer";

  void timers() throws Exception {
    JobExecutor executor = engine.getJobExecutor();
    executor.shutdown();
    context.getBean(RepositoryService.class).createDeployment().name("bench-timer").enableDuplicateFiltering(true)
        .addModelInstance("benchTimer.bpmn", Bpmn.createExecutableProcess(TIMER).camundaHistoryTimeToLive(365)
            .startEvent().intermediateCatchEvent("wait").timerWithDuration("PT1H").endEvent()
            .camundaExecutionListenerExpression("end", "${benchTimersFired.fired()}").done())
        .deploy();
    String[][] variants = {
        // name, ensureJobDueDateNotNull, due-date index, acquireByDueDate, preferTimerJobs
        {"default", "false", "false", "false", "false"},
        {"duedate_not_null", "true", "false", "false", "false"},
        {"duedate_index", "true", "true", "false", "false"},
        {"duedate_index_order_by_duedate", "true", "true", "true", "false"},
        {"duedate_index_prefer_timers", "true", "true", "false", "true"},
    };
    boolean[] saved = {engine.isEnsureJobDueDateNotNull(), engine.isJobExecutorAcquireByDueDate(),
        engine.isJobExecutorPreferTimerJobs()};
    boolean indexBefore = Boolean.TRUE.equals(jdbc.queryForObject(
        "select count(*) > 0 from pg_indexes where indexname = 'act_idx_job_duedate'", Boolean.class));
    Map<String, Double> small = new HashMap<>();
    int pending = 0;
    for (int size : new int[] {timersSmall, timersLarge}) {
      insertPendingTimers(pending, size - pending);
      pending = size;
      jdbc.execute("vacuum analyze act_ru_job");
      String label = size >= 1_000_000 ? (size / 1_000_000) + "m" : (size / 1000) + "k";
      for (String[] v : variants) {
        engine.setEnsureJobDueDateNotNull(Boolean.parseBoolean(v[1]));
        dueDateIndex(Boolean.parseBoolean(v[2]));
        engine.setJobExecutorAcquireByDueDate(Boolean.parseBoolean(v[3]));
        engine.setJobExecutorPreferTimerJobs(Boolean.parseBoolean(v[4]));
        // Nothing due: what every acquisition cycle costs while the timers wait (the common case).
        long[] idle = acquisitionTimes(executor, 30, false);
        results.percentiles("timer_acquisition_idle_" + label + "_pending_" + v[0], idle);
        dueBatch(dueBatch);
        long[] nanos = acquisitionTimes(executor, 30, true);
        results.percentiles("timer_acquisition_due_" + label + "_pending_" + v[0], nanos);
        double fired = fire(executor, dueBatch);
        results.add("timers_fired_per_s_" + label + "_pending_" + v[0], fired, "timers/s");
        if (size == timersSmall) {
          small.put(v[0], median(idle));
          small.put("due " + v[0], median(nanos));
        } else {
          results.add("timer_acquisition_idle_ratio_" + label + "_to_small_" + v[0], median(idle) / small.get(v[0]), "x");
          results.add("timer_acquisition_due_ratio_" + label + "_to_small_" + v[0],
              median(nanos) / small.get("due " + v[0]), "x");
        }
      }
    }
    // The job executor's own settings (pool, jobs per acquisition, back-off), with the tuned query.
    engine.setEnsureJobDueDateNotNull(true);
    dueDateIndex(true);
    engine.setJobExecutorAcquireByDueDate(true);
    engine.setJobExecutorPreferTimerJobs(false);
    ThreadPoolTaskExecutor pool = context.getBean("camundaTaskExecutor", ThreadPoolTaskExecutor.class);
    int[] poolSaved = {pool.getCorePoolSize(), pool.getMaxPoolSize(), executor.getMaxJobsPerAcquisition()};
    results.context("jobExecutor", "core=" + poolSaved[0] + " max=" + poolSaved[1] + " perAcquisition="
        + poolSaved[2] + " wait=" + executor.getWaitTimeInMillis() + " backoff=" + executor.getBackoffTimeInMillis());
    int[][] settings = {{2, 4, 3}, {4, 4, 10}, {8, 8, 10}};
    for (int[] s : settings) {
      pool.setMaxPoolSize(Math.max(s[1], pool.getMaxPoolSize()));
      pool.setCorePoolSize(s[0]);
      pool.setMaxPoolSize(s[1]);
      executor.setMaxJobsPerAcquisition(s[2]);
      dueBatch(dueBatch);
      results.add("timers_fired_per_s_pool_" + s[0] + "_" + s[1] + "_per_acquisition_" + s[2],
          fire(executor, dueBatch), "timers/s");
    }
    pool.setMaxPoolSize(Math.max(poolSaved[1], pool.getMaxPoolSize()));
    pool.setCorePoolSize(poolSaved[0]);
    pool.setMaxPoolSize(poolSaved[1]);
    executor.setMaxJobsPerAcquisition(poolSaved[2]);
    engine.setEnsureJobDueDateNotNull(saved[0]);
    engine.setJobExecutorAcquireByDueDate(saved[1]);
    engine.setJobExecutorPreferTimerJobs(saved[2]);
    dueDateIndex(indexBefore);
    jdbc.update("delete from act_ru_job where id_ like 'bench-timer-%'");
    jdbc.execute("vacuum analyze act_ru_job");
    executor.start();
  }

  static double median(long[] nanos) {
    long[] s = nanos.clone();
    java.util.Arrays.sort(s);
    return s[(s.length - 1) / 2];
  }

  void dueDateIndex(boolean present) {
    if (present) {
      jdbc.execute("create index if not exists act_idx_job_duedate on act_ru_job (duedate_)");
    } else {
      jdbc.execute("drop index if exists act_idx_job_duedate");
    }
    jdbc.execute("analyze act_ru_job");
  }

  /**
   * Timer jobs as the engine writes them for a boundary timer of a waiting item, due over the next
   * year: one row each in ACT_RU_JOB, set-based.
   */
  void insertPendingTimers(int from, int count) {
    if (count <= 0) {
      return;
    }
    Map<String, Object> def = jdbc.queryForMap("select j.id_ as job_def, d.id_ as proc_def, d.deployment_id_ "
        + "from act_ru_jobdef j join act_re_procdef d on d.id_ = j.proc_def_id_ where d.key_ = ? limit 1", TIMER);
    long t0 = System.nanoTime();
    for (int start = from; start < from + count; start += 200_000) {
      int end = Math.min(from + count, start + 200_000) - 1;
      jdbc.update("insert into act_ru_job (id_, rev_, type_, exclusive_, execution_id_, root_proc_inst_id_, "
          + "process_instance_id_, process_def_id_, process_def_key_, retries_, duedate_, handler_type_, handler_cfg_, "
          + "deployment_id_, suspension_state_, job_def_id_, priority_, sequence_counter_, create_time_) "
          + "select 'bench-timer-' || i, 1, 'timer', true, 'bench-exec-' || i, 'bench-pi-' || i, 'bench-pi-' || i, "
          + "?, ?, 3, localtimestamp + interval '1 hour' + (i % 525600) * interval '1 minute', "
          + "'timer-transition', '{\"activityId\":\"BoundaryEvent_HandleOverdue\"}', ?, 1, ?, 0, 1, localtimestamp "
          + "from generate_series(?, ?) i", def.get("proc_def"), TIMER, def.get("deployment_id_"), def.get("job_def"),
          start, end);
    }
    results.log("inserted " + count + " pending timer jobs in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  /** Starts n timer processes and makes their timers due (a minute ago). */
  void dueBatch(int n) throws Exception {
    RuntimeService runtime = context.getBean(RuntimeService.class);
    timersFired.expect(n);
    AtomicInteger next = new AtomicInteger();
    parallel(threads, k -> {
      while (next.getAndIncrement() < n) {
        runtime.startProcessInstanceByKey(TIMER);
      }
    });
    jdbc.update("update act_ru_job set duedate_ = localtimestamp - interval '1 minute' where process_instance_id_ in "
        + "(select id_ from act_ru_execution where proc_def_id_ = (select id_ from act_re_procdef where key_ = ?))", TIMER);
    jdbc.execute("analyze act_ru_job");
  }

  /** The job executor's acquisition query (as configured now), without locking the jobs it finds. */
  long[] acquisitionTimes(JobExecutor executor, int n, boolean due) {
    int max = executor.getMaxJobsPerAcquisition();
    long[] nanos = new long[n];
    for (int i = 0; i < n + 3; i++) {
      long t0 = System.nanoTime();
      int found = engine.getCommandExecutorTxRequired().execute(ctx ->
          ctx.getJobManager().findNextJobsToExecute(new Page(0, max)).size());
      if (i >= 3) {
        nanos[i - 3] = System.nanoTime() - t0;
      }
      // (Idle: another job of the engine's own, e.g. the history clean-up, may be due; it does not matter.)
      if (due && found == 0) {
        throw new IllegalStateException("the acquisition query found " + found + " due jobs");
      }
    }
    return nanos;
  }

  /**
   * Counted down by the end listener of every bench timer process: the harness learns that the due
   * timers have fired without polling the job table (a count over a million pending timers would
   * itself slow the executor it measures).
   */
  public static final class TimersFired {
    private volatile CountDownLatch latch = new CountDownLatch(0);

    public void expect(int n) {
      latch = new CountDownLatch(n);
    }

    /** Offered to the bench's timer model, which every deployment's allow-list checks like any other. */
    @cn.shuoshi.model.ModelFunction
    public void fired() {
      latch.countDown();
    }

    boolean await(long minutes) throws InterruptedException {
      return latch.await(minutes, TimeUnit.MINUTES);
    }
  }

  final TimersFired timersFired = new TimersFired();

  /** Starts the job executor and waits until the due timers have fired; timers per second. */
  double fire(JobExecutor executor, int n) throws InterruptedException {
    long t0 = System.nanoTime();
    executor.start();
    if (!timersFired.await(10)) {
      throw new IllegalStateException("timers did not fire within 10 minutes");
    }
    double rate = n / ((System.nanoTime() - t0) / 1e9);
    executor.shutdown();
    return rate;
  }

  // --- 4. intake API ---------------------------------------------------------------------------------

  void intake() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/matters");
    AtomicLong created = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    // A short warm-up, then the measured interval.
    for (int phase = 0; phase < 2; phase++) {
      int seconds = phase == 0 ? Math.min(5, intakeSeconds) : intakeSeconds;
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      boolean measured = phase == 1;
      long t0 = System.nanoTime();
      parallel(intakeClients, k -> {
        int i = 0;
        while (System.nanoTime() < deadline) {
          String village = VILLAGES.get((k + intakeClients * i++) % VILLAGES.size());
          String body = "{\"villageCode\":\"" + village + "\",\"channel\":\"PHONE\",\"reporterName\":\"李桂兰\","
              + "\"reporterPhone\":\"13912345678\",\"reporterGroup\":\"二组\",\"confidential\":false,"
              + "\"type\":\"PROBLEM\",\"subject\":\"INFRASTRUCTURE\",\"title\":\"自来水压力不足\","
              + "\"description\":\"二组地势高，每天下午水压不足，做饭用水困难。\"}";
          String auth = Base64.getEncoder().encodeToString((village.toLowerCase() + "_ganbu1:" + VILLAGE_CADRE_PASSWORD)
              .getBytes(StandardCharsets.UTF_8));
          HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
              .header("Authorization", "Basic " + auth).header("Idempotency-Key", UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
          long s = System.nanoTime();
          try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
              if (measured) {
                created.incrementAndGet();
                latencies.add(System.nanoTime() - s);
              }
            } else {
              failed.incrementAndGet();
              if (failed.get() < 3) {
                results.log("intake answered " + response.statusCode() + ": " + response.body());
              }
            }
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      });
      if (measured) {
        double seconds2 = (System.nanoTime() - t0) / 1e9;
        results.add("intake_items_per_s", created.get() / seconds2, "items/s");
        results.add("intake_failed_requests", failed.get(), "requests");
        results.percentiles("intake_latency", latencies.stream().mapToLong(Long::longValue).toArray());
      }
    }
  }

  // --- 3. queries at province scale ------------------------------------------------------------------

  void queries() throws Exception {
    MatterSteps steps = context.getBean(MatterSteps.class);
    // Template items in LS01: closed ones (two outcomes) and open ones at each stage.
    List<String> closed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      closed.add(villageCycle(steps, "LS01").getId());
    }
    closed.add(explained(steps).getId());
    List<String> open = new ArrayList<>();
    String cadre = "ls01_ganbu1";
    for (int stage = 0; stage < 4; stage++) {
      ProcessInstance item = steps.register(cadre, Forms.register("LS01"));
      if (stage >= 1) {
        steps.complete(cadre, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", cadre));
      }
      if (stage >= 2) {
        steps.complete(cadre, item, HANDLE_MATTER, Forms.resolved());
      }
      if (stage >= 3) {
        steps.complete("ls01_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
      }
      open.add(item.getId());
    }
    results.context("copiedEngineTables", copyTables);
    long t0 = System.nanoTime();
    long rows;
    try (Connection connection = DriverManager.getConnection(server + database, user, password)) {
      JdbcTemplate single = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
          connection, true));
      BulkData bulk = new BulkData(single, provinceVillages, "all".equals(copyTables) ? ".*" : copyTables);
      bulk.createProvince();
      rows = bulk.copy(closed, closedItems / closed.size(), 0, 365, false, results);
      rows += bulk.copy(open, openItems / open.size(), 5_000_000, 30, true, results);
    }
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    results.add("generated_rows", rows, "rows");
    results.add("generated_rows_seconds", genSeconds, "s");
    vacuum();
    long items = jdbc.queryForObject("select count(*) from matter", Long.class);
    long db = jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
    results.add("items_in_database", items, "items");
    results.add("database_bytes", db, "B");
    results.add("database_bytes_per_item_at_scale", db / (double) items, "B");

    // Which V4 indexes exist; measure without them, then with them.
    List<String> v4 = jdbc.queryForList("select indexname from pg_indexes where indexname like 'idx_v4_%'", String.class);
    Map<String, String> v4Defs = new LinkedHashMap<>();
    for (String name : v4) {
      v4Defs.put(name, jdbc.queryForObject("select indexdef from pg_indexes where indexname = ?", String.class, name));
    }
    if (!v4Defs.isEmpty()) {
      v4Defs.keySet().forEach(n -> jdbc.execute("drop index " + n));
      jdbc.execute("analyze");
      measureQueries("without_v4_");
      v4Defs.values().forEach(jdbc::execute);
      jdbc.execute("analyze");
    }
    measureQueries("");
  }

  ProcessInstance explained(MatterSteps steps) {
    String cadre = "ls01_ganbu1";
    ProcessInstance item = steps.register(cadre, Forms.register("LS01"));
    steps.complete(cadre, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", cadre));
    steps.complete(cadre, item, HANDLE_MATTER, Forms.explained());
    steps.complete("ls01_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(cadre, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete("ls01_shuji", item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));
    return item;
  }

  void measureQueries(String prefix) throws Exception {
    Random random = new Random(42);
    TaskService tasks = context.getBean(TaskService.class);
    int n = full ? 200 : 50;
    // A village's open tasks: every open task of the village committee's and secretary's groups, claimed
    // or not, newest first, one Tasklist page and the count, as the Tasklist asks for a filter.
    long[] village = new long[n];
    for (int i = 0; i < n + 5; i++) {
      String v = BulkData.villageCode(random.nextInt(provinceVillages));
      List<String> groups = List.of(v + "_committee", v + "_secretary");
      long s = System.nanoTime();
      tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().orderByTaskCreateTime().desc()
          .listPage(0, 50);
      tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().count();
      if (i >= 5) {
        village[i - 5] = System.nanoTime() - s;
      }
    }
    results.percentiles(prefix + "query_village_open_tasks", village);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // The generated province's towns and counties have no cadres of their own: the administrator, who
    // may read every unit's ledger, asks for them (the same queries, one more access check).
    String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    String[] months = {"2026-03", "2026-05", "2026-07", "2026-09"};
    long[] ledger = new long[n];
    for (int i = 0; i < n + 5; i++) {
      String town = BulkData.townCode(random.nextInt(provinceVillages));
      long s = System.nanoTime();
      get(http, auth, "/api/ledger?unit=" + town + "&month=" + months[i % months.length]);
      if (i >= 5) {
        ledger[i - 5] = System.nanoTime() - s;
      }
    }
    results.percentiles(prefix + "query_ledger_page_town_month", ledger);

    int m = full ? 40 : 20;
    long[] rates = new long[m];
    for (int i = 0; i < m + 3; i++) {
      int villageIndex = random.nextInt(provinceVillages);
      String county = BulkData.countyCode(villageIndex / 15);
      long s = System.nanoTime();
      get(http, auth, "/api/rates?unit=" + county + "&month=" + months[i % months.length]);
      if (i >= 3) {
        rates[i - 3] = System.nanoTime() - s;
      }
    }
    results.percentiles(prefix + "query_county_monthly_rates", rates);
  }

  String get(HttpClient http, String auth, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  // --- helpers ----------------------------------------------------------------------------------------

  static void parallel(int n, IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        int id = k;
        futures.add(pool.submit(() -> work.accept(id)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
