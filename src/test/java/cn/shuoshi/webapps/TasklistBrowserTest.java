package cn.shuoshi.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.account.Accounts;
import cn.shuoshi.unithandling.UnitHandlingProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Tasklist and Cockpit in a real headless Chromium, as a cadre and a supervisor use them, on the
 * demo data set. Screenshots of every step go to {@code target/screenshots/}. Needs the Debian
 * packages chromium, chromium-driver and fonts-noto-cjk ({@code .ci/run} installs them); without
 * them the test fails, it does not skip.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:shuoshi-browser;DB_CLOSE_DELAY=-1",
        // Own engine name: the webapps find engines by name in a JVM-wide registry (see DemoDataSetTest).
        "camunda.bpm.process-engine-name=" + TasklistBrowserTest.ENGINE})
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TasklistBrowserTest {

  static final String ENGINE = "browser";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static WebDriver browser;
  static int shot;
  /** Every English word seen on a page a screenshot was taken of: "page: word (in its text)". */
  static final List<String> english = new java.util.concurrent.CopyOnWriteArrayList<>();

  @LocalServerPort int port;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired Accounts accounts;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired MatterSteps steps;

  @BeforeAll
  static void startChromium() throws IOException {
    // One run's screenshots only: numbering starts again at 01 (the other browser tests' rules-…,
    // resident-… are theirs to replace).
    browser = Chromium.start(name -> name.matches("\\d{2}-.*\\.png"),
        options -> options.addArguments("--window-size=1400,1200"));
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void aVillageCadreHandlesAnItemInTheTasklist() {
    openTasklistLogin();
    assertThat(browser.getTitle()).isEqualTo("说事解题 任务列表");
    assertThat(browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");
    // Our name and mark on the login page, not Camunda's logo.
    assertThat(String.valueOf(((JavascriptExecutor) browser).executeScript(
        "return getComputedStyle(document.querySelector('.login-logo'), '::after').content;"))).contains("说事解题");
    assertThat(browser.findElements(By.cssSelector(".login-logo svg"))).noneMatch(WebElement::isDisplayed);
    screenshot("login-page");

    logIn("ls01_ganbu1");
    assertThat(filterNames()).containsSubsequence("我的待办", "本单位待签收", "即将到期", "已超期", "督办");
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")))
        .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());

    // The registration form, as a cadre opens it (发起流程), then closed without registering.
    waitFor(By.xpath("//a[normalize-space(.)='发起流程']")).click();
    waitFor(By.xpath("//div[contains(@class,'modal')]//a[normalize-space(.)='群众说事事项办理']")).click();
    waitFor(By.xpath("//div[contains(@class,'modal')]//*[contains(@class,'fjs-form')]//h4[normalize-space(.)='反映人']"));
    assertThat(field("反映渠道").findElement(By.cssSelector(".fjs-select-display")).getText()).isEqualTo("党群说事会");
    screenshot("ganbu1-register-form");
    waitFor(By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='关闭']")).click();
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".modal"), 0));

    selectFilter("我的待办");
    waitForTask("办理事项", "水渠堵塞影响灌溉");
    screenshot("ganbu1-my-tasks");
    openTask("办理事项", "水渠堵塞影响灌溉");
    claimIfNeeded();

    // 事项经过: the item's story beside its form, from the ledger, in a cadre's words.
    waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='事项经过']")).click();
    WebElement story = waitFor(By.xpath("//table[contains(@class,'shuoshi-story-steps')][.//td]"));
    assertThat(story.getText()).contains("登记事项", "分类交办").doesNotContain("UserTask_", "null");
    screenshot("ganbu1-item-story");
    // A photo of the cleared canal, attached at this step (办理事项) from the tab.
    assertThat(waitFor(By.cssSelector("label.shuoshi-story-upload-pick")).getText()).isEqualTo("选择照片或文件");
    WebElement chooser = browser.findElement(By.cssSelector("input.shuoshi-story-upload-file"));
    chooser.sendKeys(photo("水渠清理后.png").toAbsolutePath().toString());
    assertThat(browser.findElement(By.cssSelector(".shuoshi-story-upload-chosen")).getText()).isEqualTo("水渠清理后.png");
    waitFor(By.cssSelector("button.shuoshi-story-upload-send")).click();
    WebElement attached = waitFor(By.xpath("//figure[contains(@class,'shuoshi-story-file')][.//img[@alt='水渠清理后.png']]"));
    assertThat(attached.getText()).contains("办理事项", "PNG 图片").doesNotContain("已公开");
    new WebDriverWait(browser, PATIENCE).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "const i = arguments[0].querySelector('img'); return i.complete && i.naturalWidth > 0;", attached)));
    screenshot("ganbu1-item-story-photo");
    assertThat(browser.findElement(By.cssSelector("a.shuoshi-my-items")).getText()).isEqualTo("我经手的事项");
    // Nothing offered that a cadre may not do: no free-standing task (新建任务).
    assertThat(browser.findElements(By.xpath("//a[contains(normalize-space(.),'新建任务')]")))
        .noneMatch(WebElement::isDisplayed);
    waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='表单']")).click();

    WebElement form = waitFor(By.cssSelector(".fjs-form"));
    waitFor(By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'水渠堵塞影响灌溉')]"));
    screenshot("ganbu1-handle-form");

    // Submitting an empty form: form-js refuses, in Chinese (scripts/form-js-zh.js).
    clickInView(browser.findElement(By.cssSelector("button[ng-click='complete()']")));
    assertThat(waitFor(By.cssSelector(".fjs-form-field-error")).getText()).isEqualTo("此项为必填项。");
    screenshot("ganbu1-handle-form-required");

    // Dates as a Chinese cadre writes them: 12/31/2099 is refused in Chinese, not guessed; 2099年12月31日
    // is read and shown as 2099-12-31.
    radio("办理结果", "承诺办理");
    WebElement promised = waitFor(By.cssSelector(".fjs-form input.flatpickr-input"));
    new WebDriverWait(browser, PATIENCE).until(d -> "年-月-日，如 2026-11-29".equals(promised.getAttribute("placeholder")));
    promised.click();
    promised.sendKeys("12/31/2099", Keys.TAB);
    assertThat(waitFor(By.cssSelector(".shuoshi-date-error")).getText()).startsWith("日期格式不正确");
    screenshot("ganbu1-handle-form-date-refused");
    promised.click();
    promised.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2099年12月31日", Keys.TAB);
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(".shuoshi-date-error")).isEmpty());
    assertThat(promised.getAttribute("value")).isEqualTo("2099-12-31");
    screenshot("ganbu1-handle-form-date");
    // At 1366×768 every day of the open calendar can be clicked (none under the Tasklist's footer).
    browser.manage().window().setSize(new Dimension(1366, 768));
    try {
      clickInView(promised);
      WebElement lastDay = waitFor(By.xpath("(//div[contains(@class,'flatpickr-calendar')]"
          + "//span[contains(@class,'flatpickr-day')])[last()]"));
      Object hit = ((JavascriptExecutor) browser).executeScript(
          "const d = arguments[0]; d.scrollIntoView({block: 'center'}); const r = d.getBoundingClientRect();"
              + " const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
              + " return e === d || d.contains(e);", lastDay);
      screenshot("ganbu1-date-picker-1366");
      assertThat(hit).isEqualTo(Boolean.TRUE);
      promised.sendKeys(Keys.ESCAPE);
    } finally {
      browser.manage().window().setSize(new Dimension(1400, 1200));
    }

    // The commitment date had an error; once 已解决 hides it, 提交 is not left disabled.
    radio("办理结果", "已解决");
    textarea("办理情况", "已组织村民清理水渠垃圾，下游农田恢复灌溉。");
    screenshot("ganbu1-handle-form-filled");
    WebElement complete = browser.findElement(By.cssSelector("button[ng-click='complete()']"));
    // The button says what it does (the model's submitLabel for the choice), never 办结 (closing the item).
    new WebDriverWait(browser, PATIENCE).until(d -> complete.getText().equals("提交办理结果"));
    radio("本次操作", "申请延期");
    new WebDriverWait(browser, PATIENCE).until(d -> complete.getText().equals("申请延期"));
    radio("本次操作", "提交办理结果");
    new WebDriverWait(browser, PATIENCE).until(d -> complete.getText().equals("提交办理结果"));
    clickInView(complete);

    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
        .until(d -> tasksListed().stream().noneMatch(t -> t.contains("水渠堵塞影响灌溉")));
    screenshot("ganbu1-handled-item-gone");
    assertThat(tasks.createTaskQuery().taskAssignee("ls01_ganbu1")
        .taskDefinitionKey(UnitHandlingProcess.HANDLE_MATTER).list()).extracting(t -> t.getName())
        .noneMatch(name -> name.contains("水渠堵塞影响灌溉"));
    logOut();

    // The verification, by another cadre of the village: the photo is in the item's story, and the
    // button says 核实通过 or 退回重办 as the verifier decides.
    logIn("ls01_ganbu2");
    selectFilter("本单位待签收");
    openTask("核实办理结果", "水渠堵塞影响灌溉");
    claimIfNeeded();
    waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='事项经过']")).click();
    assertThat(waitFor(By.xpath("//figure[contains(@class,'shuoshi-story-file')]")).getText())
        .contains("办理事项", "水渠清理后.png");
    screenshot("ganbu2-story-with-photo");
    waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='表单']")).click();
    waitFor(By.cssSelector(".fjs-form"));
    WebElement verify = browser.findElement(By.cssSelector("button[ng-click='complete()']"));
    new WebDriverWait(browser, PATIENCE).until(d -> verify.getText().equals("提交核实结论"));
    radio("核实结论", "退回重办");
    new WebDriverWait(browser, PATIENCE).until(d -> verify.getText().equals("退回重办"));
    radio("核实结论", "核实无误");
    new WebDriverWait(browser, PATIENCE).until(d -> verify.getText().equals("核实通过"));
    screenshot("ganbu2-verify-button");
    logOut();

    // Not marked public: the village's board does not show it.
    browser.get(base() + "/board/villages/LS01");
    assertThat(waitFor(By.tagName("h1")).getText()).contains("公开栏");
    assertThat(browser.findElements(By.cssSelector("img.photo"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain("水渠清理后");
    assertNoEnglishSeen();
  }

  @Test
  @Order(2)
  void aTownSupervisorFindsTheOverdueItemInTheTasklistAndInCockpit() {
    // Tests run without a job executor: fire the due timers the way it does at start.
    List<Job> due = management.createJobQuery().executable().timers().list();
    due.forEach(job -> management.executeJob(job.getId()));

    openTasklistLogin();
    logIn("ls_jiwei");
    selectFilter("督办");
    waitForTask("超期督办", "河道护栏损坏");
    screenshot("jiwei-supervision-filter");
    openTask("超期督办", "河道护栏损坏");
    waitFor(By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'河道护栏损坏')]"));
    claimIfNeeded();
    assertThat(field("督办方式").findElement(By.cssSelector(".fjs-select-display")).getText()).isEqualTo("请选择");
    screenshot("jiwei-supervision-task");

    // 已超期: the overdue handling itself (not the supervisors' task) stays in their sight.
    selectFilter("已超期");
    WebElement overdue = waitForTask("办理事项", "河道护栏损坏");
    assertThat(overdue.getText()).contains("前");
    // Who holds it, by name (cadres may read each other's names), not an account id.
    new WebDriverWait(browser, PATIENCE).until(d -> !waitForTask("办理事项", "河道护栏损坏").getText()
        .matches("(?s).*ls\\d{2}_.*"));
    screenshot("jiwei-overdue-filter");

    // 超期督办 belongs to the unit's handling (承办单位办理), the process every level calls.
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(MatterProcess.UNIT_HANDLING)
        .latestVersion().singleResult().getId();
    browser.get(base() + "/camunda/app/cockpit/" + ENGINE + "/#/process-definition/" + definitionId + "/runtime");
    WebElement badge = waitFor(By.cssSelector(
        ".djs-overlays[data-container-id='" + UnitHandlingProcess.SUPERVISE_OVERDUE + "'] .badge"));
    assertThat(badge.getText().trim()).isEqualTo("1");
    assertThat(browser.getTitle()).startsWith("说事解题 流程监控");
    assertThat(browser.getPageSource()).contains("承办单位办理");
    // 人工任务 (every group's task counts, an administrators' report) is not offered to a supervisor.
    new WebDriverWait(browser, PATIENCE).until(d -> {
      List<WebElement> entries = d.findElements(By.cssSelector("a[href='#/tasks']"));
      return !entries.isEmpty() && entries.stream().noneMatch(WebElement::isDisplayed);
    });
    // The diagram's zoom buttons and empty values in Chinese (welcome/scripts/leftover-english-zh.js).
    waitFor(By.cssSelector("button[title='放大']"));
    assertThat(browser.findElements(By.cssSelector("button[title='zoom in'], button[title='reset zoom']"))).isEmpty();
    new WebDriverWait(browser, PATIENCE).until(d -> !d.findElement(By.tagName("body")).getText().contains("null"));
    screenshot("jiwei-cockpit-overdue-badge");

    // The second click (README): the 超期督办 activity narrows the instance list to the overdue items.
    WebElement activity = waitFor(By.cssSelector(
        ".djs-element[data-element-id='" + UnitHandlingProcess.SUPERVISE_OVERDUE + "'] .djs-hit"));
    new Actions(browser).moveToElement(activity).click().perform();
    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
      List<String> rows = d.findElements(By.cssSelector("table tbody tr")).stream().map(WebElement::getText)
          .filter(text -> text.matches("(?s).*LS\\d{2}-\\d{4}-\\d{5}.*")).toList();
      return rows.size() == 1 && rows.get(0).contains("LS02-");
    });
    screenshot("jiwei-cockpit-overdue-instances");

    // The supervisor orders the handler to hurry (超期督办 done): the item is still late, and stays in sight.
    browser.get(base() + "/camunda/app/tasklist/" + ENGINE + "/");
    selectFilter("督办");
    openTask("超期督办", "河道护栏损坏");
    waitFor(By.cssSelector(".fjs-form"));
    select("督办方式", "电话催办");
    textarea("督办意见", "请三日内修复护栏并报告。");
    WebElement order = browser.findElement(By.cssSelector("button[ng-click='complete()']"));
    new WebDriverWait(browser, PATIENCE).until(d -> order.getText().equals("下达督办"));
    clickInView(order);
    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
        .until(d -> tasksListed().stream().noneMatch(t -> t.contains("河道护栏损坏")));
    selectFilter("已超期");
    waitForTask("办理事项", "河道护栏损坏");
    screenshot("jiwei-overdue-filter-after-supervision");

    // Cockpit's start page: every overdue item of the town, supervised or not, with how late it is.
    browser.get(base() + "/camunda/app/cockpit/" + ENGINE + "/#/dashboard");
    WebElement late = waitFor(By.xpath("//tr[contains(@class,'shuoshi-overdue-item')]"
        + "[.//td[contains(@class,'shuoshi-overdue-title')][contains(normalize-space(.),'河道护栏损坏')]]"));
    assertThat(late.findElement(By.cssSelector("td.shuoshi-overdue-days")).getText()).matches("超期 \\d+ 天");
    assertThat(late.findElement(By.cssSelector("td.shuoshi-overdue-supervised")).getText()).isEqualTo("是");
    screenshot("jiwei-cockpit-overdue-items");

    // The item's process instance: its variables under the forms' words (事项类型 for matterType).
    late.findElement(By.cssSelector("a.shuoshi-overdue-instance")).click();
    waitFor(By.xpath("//a[contains(normalize-space(.),'变量')]")).click();
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector("td.col-name .shuoshi-variable-label"))
        .stream().anyMatch(label -> label.getText().trim().equals("事项类型")));
    // The supervisor reads the forms' words (问题类), not the codes (matterType = PROBLEM).
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.xpath("//tr[.//td[contains(@class,'col-name')]"
        + "[contains(normalize-space(.),'事项类型')]]//td[contains(@class,'col-value')]")).stream()
        .anyMatch(value -> value.getText().trim().equals("问题类")));
    screenshot("jiwei-cockpit-item-variables");
    assertNoEnglishSeen();
  }

  /** Chooses an option of a form-js select field by its label. */
  void select(String label, String option) {
    clickInView(field(label).findElement(By.cssSelector(".fjs-select-display")));
    clickInView(waitFor(By.xpath("//div[contains(@class,'fjs-dropdownlist')]//div[contains(@class,'fjs-dropdownlist-item')]"
        + "[normalize-space(.)='" + option + "']")));
    new WebDriverWait(browser, PATIENCE).until(d -> field(label).findElement(By.cssSelector(".fjs-select-display"))
        .getText().equals(option));
  }

  @Test
  @Order(3)
  void theAdministratorSeesAdminAndTheWelcomePageInChinese() {
    openTasklistLogin();
    logIn("demo");
    browser.get(base() + "/camunda/app/admin/" + ENGINE + "/#/users");
    waitFor(By.xpath("//table//td[contains(normalize-space(.),'ls01_ganbu1')]"));
    assertThat(browser.getTitle()).startsWith("说事解题 系统管理");
    assertThat(browser.findElement(By.cssSelector("body")).getText()).contains("用户列表").doesNotContain("List of Users");
    screenshot("demo-admin-users");

    // An administrator is offered Cockpit's 人工任务, which supervisors are not.
    browser.get(base() + "/camunda/app/cockpit/" + ENGINE + "/");
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector("a[href='#/tasks']")).stream()
        .anyMatch(WebElement::isDisplayed));

    browser.get(base() + "/camunda/app/welcome/" + ENGINE + "/");
    waitFor(By.xpath("//*[contains(normalize-space(.),'任务列表')]"));
    assertThat(browser.getTitle()).startsWith("说事解题 首页");
    screenshot("demo-welcome");
  }

  @Test
  @Order(4)
  void aCadreWhoseAccountAsksForANewPasswordChangesItInTheWelcomeApp() {
    String cadre = "ls03_ganbu2";
    accounts.requirePasswordChange(cadre);

    // Logged in, the Tasklist goes on to the Welcome app, where the password is changed; so does
    // any later page of the Tasklist, Cockpit or Admin.
    openTasklistLogin();
    typeLogin(cadre, "demo");
    WebElement change = waitFor(By.xpath("//a[normalize-space(.)='修改密码']"));
    assertThat(browser.getCurrentUrl()).contains("/camunda/app/welcome/" + ENGINE + "/");
    browser.get(base() + "/camunda/app/cockpit/" + ENGINE + "/");
    change = waitFor(By.xpath("//a[normalize-space(.)='修改密码']"));
    assertThat(browser.getCurrentUrl()).contains("/camunda/app/welcome/" + ENGINE + "/");
    screenshot("flagged-cadre-welcome");
    change.click();
    WebElement form = waitFor(By.cssSelector("form[name=changePassword]"));
    List<WebElement> fields = form.findElements(By.cssSelector("input[type=password]"));
    assertThat(fields).hasSize(3);
    fields.get(0).sendKeys("demo");
    fields.get(1).sendKeys("Xin-mima-2026!");
    fields.get(2).sendKeys("Xin-mima-2026!");
    WebElement submit = form.findElement(By.cssSelector("button[type=submit]"));
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(submit));
    assertThat(submit.getText()).isEqualTo("修改密码");
    screenshot("flagged-cadre-change-password");
    submit.click();
    waitFor(By.xpath("//*[contains(@class,'page-notifications')]//*[contains(normalize-space(.),'密码已修改')]"));
    screenshot("flagged-cadre-password-changed");

    assertThat(accounts.mustChangePassword(cadre)).isFalse();
    assertThat(identity.checkPassword(cadre, "Xin-mima-2026!")).isTrue();
    browser.get(base() + "/camunda/app/tasklist/" + ENGINE + "/");
    waitFor(By.cssSelector(".task-filter"));
    assertThat(filterNames()).contains("我的待办");
    screenshot("flagged-cadre-tasklist-after-change");
    logOut();
    assertNoEnglishSeen();
  }

  @Test
  @Order(5)
  void theAdministratorsStartPageWarnsInChineseWhenNextYearsCalendarIsMissing() {
    // 2 November of the last year the calendar has (the calendar file's, at first start): next year's
    // State Council schedule is due and missing.
    int lastYear = jdbc.queryForObject("select max(cal_year) from working_calendar_year", Integer.class);
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(lastYear, 11, 2, 10, 0).atZone(EngineClock.BEIJING).toInstant()));
    try {
      openTasklistLogin();
      logIn("demo");
      browser.get(base() + "/camunda/app/admin/" + ENGINE + "/#/");
      WebElement section = waitFor(By.xpath("//section[.//h1[contains(@class,'section-title')]"
          + "[normalize-space(.)='工作日历']]"));
      WebElement warning = new WebDriverWait(browser, PATIENCE).until(d -> section.findElement(
          By.cssSelector(".shuoshi-calendar-warning")));
      assertThat(warning.getText()).startsWith((lastYear + 1) + "年的节假日和调休安排尚未录入工作日历");
      assertThat(section.getText()).contains("已录入：").contains(lastYear + "年");
      screenshot("demo-admin-calendar-warning");
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  @Order(6)
  void aCadreHandlingAnItemAgainReadsTheResidentsOpinion() {
    // 沙坪村: handled, verified, fed back — and the resident is not satisfied (recorded by the secretary).
    Map<String, Object> register = Forms.register("LS05");
    register.put("title", "村道路灯夜里不亮");
    ProcessInstance item = steps.register("ls05_ganbu1", register);
    steps.complete("ls05_ganbu1", item, MatterProcess.Elements.CLASSIFY_MATTER, Forms.classify("VILLAGE", "ls05_ganbu1"));
    steps.complete("ls05_ganbu1", item, UnitHandlingProcess.HANDLE_MATTER, Forms.resolved());
    steps.complete("ls05_ganbu2", item, UnitHandlingProcess.VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete("ls05_ganbu1", item, MatterProcess.Elements.FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete("ls05_shuji", item, MatterProcess.Elements.REVIEW_SATISFACTION,
        Forms.rated("DISSATISFIED", "换了灯泡第二天又不亮了，线路有问题。"));

    openTasklistLogin();
    logIn("ls05_ganbu1");
    selectFilter("我的待办");
    openTask("办理事项", "村道路灯夜里不亮");
    waitFor(By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'群众不满意的意见')]"
        + "[contains(normalize-space(.),'换了灯泡第二天又不亮了')]"));
    screenshot("ganbu-rehandle-resident-opinion");
    logOut();
    assertNoEnglishSeen();
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** The login page, whoever was logged in before (a new session: the session cookie goes). */
  void openTasklistLogin() {
    browser.manage().deleteAllCookies();
    browser.get(base() + "/camunda/app/tasklist/" + ENGINE + "/");
    waitFor(By.cssSelector("form[name=signinForm] input[ng-model=username]"));
  }

  void logIn(String user) {
    typeLogin(user, "demo");
    waitFor(By.cssSelector(".task-filter"));
  }

  void typeLogin(String user, String password) {
    browser.findElement(By.cssSelector("form[name=signinForm] input[ng-model=username]")).sendKeys(user);
    browser.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys(password);
    browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
  }

  void logOut() {
    waitFor(By.cssSelector("li.account > a.dropdown-toggle")).click();
    waitFor(By.xpath("//li[contains(@class,'account')]//a[normalize-space(.)='退出登录']")).click();
    waitFor(By.cssSelector("form[name=signinForm]"));
  }

  List<String> filterNames() {
    return browser.findElements(By.cssSelector(".task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s+\\d+$", "").trim()).toList();
  }

  void selectFilter(String name) {
    waitFor(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'"
        + name + "')]")).click();
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//div[contains(@class,'task-filter') and contains(@class,'active')]//a[contains(normalize-space(.),'" + name + "')]")));
  }

  List<String> tasksListed() {
    return browser.findElements(By.cssSelector("ol.tasks-list > li.task")).stream().map(WebElement::getText).toList();
  }

  /** The listed task whose name contains both texts (task names carry number, title and village). */
  WebElement waitForTask(String taskName, String title) {
    return waitFor(By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
        + "[.//h4[contains(@class,'task')][contains(normalize-space(.),'" + taskName + "')"
        + " and contains(normalize-space(.),'" + title + "')]]"));
  }

  /**
   * Opens a listed task. The Tasklist redraws its list now and then (a refresh after the filter's
   * count arrives): a task found just before may be gone from the page by the click, so it is found again.
   */
  void openTask(String taskName, String title) {
    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
      waitForTask(taskName, title).findElement(By.cssSelector("h4.task a")).click();
      return true;
    });
  }

  void claimIfNeeded() {
    waitFor(By.cssSelector("[cam-tasklist-task-meta] li.assignee, li.assignee"));
    List<WebElement> claim = browser.findElements(By.cssSelector("button.claim"));
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      assertThat(claim.get(0).getText()).isEqualTo("签收");
      claim.get(0).click();
      waitFor(By.cssSelector("button.unclaim"));
    }
  }

  WebElement field(String label) {
    return waitFor(By.xpath("//div[contains(@class,'fjs-form-field')][./label[contains(@class,'fjs-form-field-label')]"
        // starts-with: the option 提交办理结果 of 本次操作 must not pass for the field 办理结果.
        + "[starts-with(normalize-space(.),'" + label + "')]]"));
  }

  void radio(String label, String option) {
    clickInView(field(label).findElement(By.xpath(".//label[contains(normalize-space(.),'" + option + "')]")));
  }

  /**
   * Types into a text area and waits until the form has taken the value (its "required" error is gone).
   * form-js re-renders shortly after a choice is made; on a busy machine that can swallow keystrokes
   * typed just before, so the text is typed again until it sticks, as a cadre would retype it.
   */
  void textarea(String label, String text) {
    for (int attempt = 0; attempt < 5; attempt++) {
      WebElement area = field(label).findElement(By.cssSelector("textarea"));
      area.clear();
      area.sendKeys(text);
      area.sendKeys(Keys.TAB);
      try {
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
            .until(d -> text.equals(field(label).findElement(By.cssSelector("textarea")).getAttribute("value"))
                && field(label).findElements(By.cssSelector(".fjs-form-field-error")).isEmpty());
        return;
      } catch (org.openqa.selenium.TimeoutException notYet) {
        // typed again below
      }
    }
    throw new AssertionError("the form did not take the text of " + label);
  }

  WebElement waitFor(By locator) {
    return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  void screenshot(String name) {
    // AngularJS renders after the data arrive: wait for its pending HTTP requests before taking the picture.
    new WebDriverWait(browser, PATIENCE).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "var a = window.angular && angular.element(document.body).injector();"
            + "return !a || a.get('$http').pendingRequests.length === 0;")));
    // What cadres and supervisors read is checked; an administrator's pages list account ids (ls01_ganbu1).
    if (!name.startsWith("demo-")) {
      english.addAll(englishOnPage().stream().map(word -> name + ": " + word).toList());
    }
    Chromium.screenshot(browser, String.format("%02d-%s.png", ++shot, name));
  }

  void assertNoEnglishSeen() {
    List<String> seen = List.copyOf(english);
    english.clear();
    assertThat(seen).as("English words on the pages a cadre or supervisor read").isEmpty();
  }

  /** A small photo as a phone would send it: a PNG file under target/. */
  static Path photo(String name) {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(160, 120,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(70, 130, 80));
    g.fillRect(0, 0, 160, 120);
    g.setColor(new java.awt.Color(90, 160, 220));
    g.fillRect(0, 50, 160, 20);
    g.dispose();
    Path file = Path.of("target", name);
    try {
      javax.imageio.ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  /**
   * The English words a user reads on the page: every visible text (and the placeholders and tooltips
   * of visible elements), except what is not a word of a language — item numbers (LS01-2026-00001),
   * file kinds and sizes (JPEG, 2 MB) and the names of files a cadre attached (IMG_0001.HEIC) — and the
   * engine switcher, which shows engine names only when a JVM runs several engines (the test run does:
   * every browser test has its own; a county's service has one, and never shows it).
   */
  List<String> englishOnPage() {
    return Chromium.englishOn(browser,
        ".engine-select, .shuoshi-story-file a, .shuoshi-story-file-name, .shuoshi-story-upload-chosen",
        "[A-Z]{2}\\d{2}-\\d{4}-\\d{5}",
        // Camunda: the product's name in the footer (技术支持 Camunda 流程平台), a proper noun.
        "\\b(JPEG|PNG|HEIC|PDF|KB|MB|Camunda)\\b",
        // a file's name in the story (水渠清理后.png): its ending is no word
        "(?i)\\.(png|jpe?g|heic|heif|pdf)\\b");
  }

  /**
   * The page footer is fixed, and so are the notifications (提交任务表单时出错 after the empty
   * submission) at the bottom right: dismiss them, and bring the button to the middle of its pane.
   */
  static void clickInView(WebElement element) {
    for (WebElement close : browser.findElements(By.cssSelector(".page-notifications .close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector(".page-notifications .alert")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }
}
