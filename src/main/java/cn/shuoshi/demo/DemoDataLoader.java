package cn.shuoshi.demo;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.clock.WorkingDayCalendar;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.organisation.OrganisationImporter;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo data set: the county of 云岭县 with 龙山镇 and its 18 villages (password {@code demo} for
 * every account), and a few items in several stages, one of them overdue. Loaded once; restarting keeps
 * what a visitor did.
 */
@Component
@Profile("demo")
public class DemoDataLoader implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);

  private final OrganisationImporter importer;
  private final LedgerRepository ledger;
  private final MatterSteps steps;
  private final WorkingDayCalendar calendar;

  public DemoDataLoader(OrganisationImporter importer, LedgerRepository ledger, MatterSteps steps,
      WorkingDayCalendar calendar) {
    this.calendar = calendar;
    this.importer = importer;
    this.ledger = ledger;
    this.steps = steps;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    try (InputStream units = new ClassPathResource("demo/organisation/units.csv").getInputStream();
        InputStream cadres = new ClassPathResource("demo/organisation/cadres.csv").getInputStream()) {
      OrganisationImporter.Result result = importer.importCsv(units, cadres, user -> "demo");
      LOG.info("Demo organisation: {} units, {} cadres", result.units(), result.cadres());
    }
    if (ledger.countAll() > 0) {
      return;
    }
    // Waiting to be classified by the cadre who took it.
    steps.register("ls01_ganbu1", item("LS01", "MEETING", "村东头路灯不亮", "村东头三盏路灯坏了一个多月，晚上出行不便。"));

    // In handling.
    ProcessInstance handling = steps.register("ls01_ganbu1",
        item("LS01", "VISIT", "水渠堵塞影响灌溉", "三组水渠被垃圾堵塞，下游农田浇不上水。"));
    steps.complete("ls01_ganbu1", handling, CLASSIFY_MATTER, classify("PROBLEM", "VILLAGE", "INFRASTRUCTURE", "ls01_ganbu1"));

    // Handled, waiting for a second cadre to verify it.
    ProcessInstance verifying = steps.register("ls01_ganbu1",
        item("LS01", "WALK_IN", "低保申请进度咨询", "想了解家里低保申请办到哪一步了。"));
    steps.complete("ls01_ganbu1", verifying, CLASSIFY_MATTER, classify("REQUEST", "VILLAGE", "AGENCY_SERVICE", "ls01_ganbu1"));
    steps.complete("ls01_ganbu1", verifying, HANDLE_MATTER, Map.of(HANDLE_ACTION, "RESULT", OUTCOME, "RESOLVED",
        RESULT_SUMMARY, "已到镇民政办查询，材料齐全，本月底前审批。"));

    // Classified just long enough ago that its five working days have run out but not the grace after
    // them: overdue, not yet escalated. The job executor fires the due timers at start, so the town
    // supervisors find a supervision task (督办).
    LocalDate today = LocalDate.now(EngineClock.BEIJING);
    LocalDate registered = today.minusDays(1);
    while (!calendar.plusWorkingDays(registered, 5).isBefore(today)) {
      registered = registered.minusDays(1);
    }
    ClockUtil.setCurrentTime(Date.from(registered.atTime(10, 0).atZone(EngineClock.BEIJING).toInstant()));
    try {
      ProcessInstance overdue = steps.register("ls02_ganbu1",
          item("LS02", "PHONE", "河道护栏损坏", "河边护栏断了两段，孩子上学路过有危险。"));
      steps.complete("ls02_ganbu1", overdue, CLASSIFY_MATTER, classify("PROBLEM", "VILLAGE", "INFRASTRUCTURE", "ls02_ganbu1"));
    } finally {
      ClockUtil.reset();
    }

    // Answered on the spot: recorded, not on the ledger.
    Map<String, Object> onSpot = item("LS03", "WALK_IN", "医保缴费时间", "今年的城乡居民医保什么时候开始交？");
    onSpot.put(ANSWERED_ON_SPOT, true);
    onSpot.put(ON_SPOT_ANSWER, "本年度缴费期为9月1日至12月31日，可在村委会或手机上缴纳。");
    steps.register("ls03_ganbu1", onSpot);

    // A whole loop: resolved, and the resident is satisfied.
    ProcessInstance closed = steps.register("ls03_ganbu1",
        item("LS03", "MEETING", "村广场健身器材损坏", "广场上两台健身器材螺丝松动，老人不敢用。"));
    steps.complete("ls03_ganbu1", closed, CLASSIFY_MATTER, classify("PROBLEM", "VILLAGE", "INFRASTRUCTURE", "ls03_ganbu1"));
    steps.complete("ls03_ganbu1", closed, HANDLE_MATTER, Map.of(HANDLE_ACTION, "RESULT", OUTCOME, "RESOLVED",
        RESULT_SUMMARY, "已请维修人员紧固并更换配件。"));
    steps.complete("ls03_ganbu2", closed, VERIFY_RESULT, Map.of(VERIFICATION_RESULT, "CONFIRMED"));
    steps.complete("ls03_ganbu1", closed, FEEDBACK_TO_RESIDENT, Map.of(FEEDBACK_METHOD, "IN_PERSON",
        FEEDBACK_DATE, today.toString(),
        FEEDBACK_NOTE, "已当面告知维修结果。"));
    steps.complete("ls03_shuji", closed, REVIEW_SATISFACTION, Map.of(SATISFACTION, "SATISFIED"));
    LOG.info("Demo items registered: {} on the ledger", ledger.countAll());
  }

  private static Map<String, Object> item(String village, String channel, String title, String description) {
    Map<String, Object> form = new HashMap<>();
    form.put(VILLAGE_CODE, village);
    form.put(CHANNEL, channel);
    form.put(REPORTER_NAME, "张大爷");
    form.put(REPORTER_PHONE, "13800000000");
    form.put(REPORTER_GROUP, "三组");
    form.put(CONFIDENTIAL, false);
    form.put(TITLE, title);
    form.put(DESCRIPTION, description);
    form.put(MATTER_TYPE, "PROBLEM");
    form.put(SUBJECT, "INFRASTRUCTURE");
    form.put(ANSWERED_ON_SPOT, false);
    return form;
  }

  private static Map<String, Object> classify(String type, String list, String subject, String responsible) {
    return Map.of(MATTER_TYPE, type, HANDLING_LIST, list, SUBJECT, subject, RESPONSIBLE_CADRE, responsible);
  }
}
