package cn.shuoshi.reports;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_OVERDUE_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;

/**
 * A fixed data set for the reports, built once per test JVM in a month of its own so that hand-computed
 * figures hold whatever else the database holds (the PostgreSQL test database keeps earlier runs).
 * The month lies in the past: items of other tests, registered today, cannot be open during it.
 *
 * <pre>
 * item  village  registered  classified        handled / rated                          closed
 * A     LS04     3rd 09:00   3rd  (in time)    RESOLVED, 满意                            4th 09:00
 * B     LS04     3rd 09:00   8th  (late)       COMMITTED, rejected once, 基本满意         10th 09:00
 * C     LS04     3rd 09:00   4th  (in time)    EXPLAINED, 不满意 → re-handling, overdue by the 13th; open (confidential)
 * D     LS08     3rd 09:00   never (late)      —                                         open
 * E     LS08     20th 09:00  20th (in time)    RESOLVED, 满意                            21st 21:00
 * F     LS08     3rd 09:00   3rd  (in time)    EXPLAINED, 不满意 twice, town closes it    5th 09:00
 * </pre>
 *
 * On the 28th the monthly close-out runs (its timer fired by the test): A, B, E and F are closed out.
 */
public final class FixedMonth {

  public static final String TITLE_A = "<b>路灯</b>不亮 & 晚上看不见";
  public static final String TITLE_C = "保密事项：村干部收取好处费";
  public static final String REPORTER = "钱多多";
  public static final String PHONE = "13700001111";

  private static FixedMonth built;

  public final YearMonth month;
  public final Map<String, String> numbers = new LinkedHashMap<>();

  private final MatterSteps steps;
  private final ManagementService management;
  private final LedgerRepository ledger;
  private final cn.shuoshi.matter.Items items;

  private FixedMonth(YearMonth month, ApplicationContext context) {
    this.month = month;
    this.steps = context.getBean(MatterSteps.class);
    this.management = context.getBean(ManagementService.class);
    this.ledger = context.getBean(LedgerRepository.class);
    this.items = context.getBean(cn.shuoshi.matter.Items.class);
  }

  public static synchronized FixedMonth get(ApplicationContext context) {
    LedgerQueries queries = context.getBean(LedgerQueries.class);
    Org org = context.getBean(Org.class);
    if (built == null) {
      Random random = new Random();
      YearMonth month;
      do {
        month = YearMonth.of(1971 + random.nextInt(45), 1 + random.nextInt(12));
      } while (!queries.openDuring(org.unit("YL").orElseThrow(), month).isEmpty()
          || !queries.openDuring(org.unit("YL").orElseThrow(), month.plusMonths(1)).isEmpty());
      FixedMonth data = new FixedMonth(month, context);
      try {
        data.build();
      } finally {
        ClockUtil.reset();
      }
      built = data;
    }
    return built;
  }

  public LocalDateTime at(int day, int hour) {
    return month.atDay(day).atTime(hour, 0);
  }

  /** Sets the engine clock to a moment of the month, in Beijing time. */
  public void clock(int day, int hour) {
    clock(at(day, hour));
  }

  public static void clock(LocalDateTime beijing) {
    ClockUtil.setCurrentTime(Date.from(beijing.atZone(EngineClock.BEIJING).toInstant()));
  }

  private void build() {
    clock(3, 9);
    ProcessInstance a = register("A", "LS04", TITLE_A, false);
    ProcessInstance b = register("B", "LS04", "桥头护栏松动", false);
    ProcessInstance c = register("C", "LS04", TITLE_C, true);
    register("D", "LS08", "垃圾清运不及时", false);
    ProcessInstance f = register("F", "LS08", "要求修建篮球场", false);
    classify(a, "ls04_ganbu1");
    classify(f, "ls08_ganbu1");
    handle(a, "ls04_ganbu1", Forms.resolved());
    handle(f, "ls08_ganbu1", Forms.explained());
    verifyAndFeedBack(a, "ls04_ganbu1", "ls04_ganbu2");
    verifyAndFeedBack(f, "ls08_ganbu1", "ls08_ganbu2");

    clock(4, 9);
    rate(a, "ls04_shuji", "SATISFIED");
    classify(c, "ls04_ganbu1");
    handle(c, "ls04_ganbu1", Forms.explained());
    verifyAndFeedBack(c, "ls04_ganbu1", "ls04_ganbu2");
    rate(f, "ls08_shuji", "DISSATISFIED");
    handle(f, "ls08_ganbu1", Forms.explained());
    verifyAndFeedBack(f, "ls08_ganbu1", "ls08_ganbu2");

    clock(5, 9);
    rate(c, "ls04_shuji", "DISSATISFIED");
    rate(f, "ls08_shuji", "DISSATISFIED");
    steps.complete("ls_jiwei", f, SUPERVISOR_REVIEW,
        Map.of(SUPERVISOR_DECISION, "CLOSE", SUPERVISOR_OPINION, "已依法解释到位，予以办结。"));

    clock(8, 9);
    classify(b, "ls04_ganbu1");
    handle(b, "ls04_ganbu1", committed(month.atDay(8).plusMonths(3)));
    steps.complete("ls04_ganbu2", b, VERIFY_RESULT, Forms.verified("REJECTED", "承诺步骤不具体。"));
    handle(b, "ls04_ganbu1", committed(month.atDay(8).plusMonths(3)));

    clock(10, 9);
    verifyAndFeedBack(b, "ls04_ganbu1", "ls04_ganbu2");
    rate(b, "ls04_shuji", "BASICALLY_SATISFIED");

    // C was sent back on the 5th with a fresh deadline of five working days (the 12th at the latest);
    // on the 13th it is overdue (the escalation comes two working days later still).
    clock(13, 9);
    Job overdue = items.timer(c, HANDLE_OVERDUE_TIMER);
    management.executeJob(overdue.getId());

    clock(20, 9);
    ProcessInstance e = register("E", "LS08", "低保政策咨询", false);
    classify(e, "ls08_ganbu1");
    handle(e, "ls08_ganbu1", Forms.resolved());
    clock(21, 21);
    verifyAndFeedBack(e, "ls08_ganbu1", "ls08_ganbu2");
    rate(e, "ls08_shuji", "SATISFIED");

    clock(28, 5);
    Job closeOut = management.createJobQuery().processDefinitionKey("monthlyCloseOut").timers().singleResult();
    management.executeJob(closeOut.getId());
  }

  private ProcessInstance register(String name, String village, String title, boolean confidential) {
    Map<String, Object> form = Forms.register(village);
    form.put(TITLE, title);
    form.put(REPORTER_NAME, REPORTER);
    form.put(REPORTER_PHONE, PHONE);
    form.put(CONFIDENTIAL, confidential);
    ProcessInstance item = steps.register(village.toLowerCase() + "_ganbu1", form);
    numbers.put(name, ledger.findByProcessInstance(item.getId()).orElseThrow().matterNumber());
    return item;
  }

  private void classify(ProcessInstance item, String cadre) {
    steps.complete(cadre, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", cadre));
  }

  private void handle(ProcessInstance item, String cadre, Map<String, Object> form) {
    steps.complete(cadre, item, HANDLE_MATTER, form);
  }

  private void verifyAndFeedBack(ProcessInstance item, String handler, String verifier) {
    steps.complete(verifier, item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(EngineClock.BEIJING).toLocalDate();
    steps.complete(handler, item, FEEDBACK_TO_RESIDENT,
        Map.of(FEEDBACK_METHOD, "PHONE", FEEDBACK_DATE, today.toString(), FEEDBACK_NOTE, "已电话告知办理结果。"));
  }

  private void rate(ProcessInstance item, String secretary, String satisfaction) {
    steps.complete(secretary, item, REVIEW_SATISFACTION,
        Forms.rated(satisfaction, "DISSATISFIED".equals(satisfaction) ? "不接受。" : null));
  }

  private static Map<String, Object> committed(LocalDate promised) {
    return new HashMap<>(Forms.committed(promised));
  }
}
