package cn.shuoshi.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.unithandling.UnitHandlingProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The form's own rules in the renderer, as a cadre meets them on the demo data (headless Chromium, as
 * {@link TasklistBrowserTest}; screenshots {@code target/screenshots/rules-*.png}): a field required
 * for one answer stops the submission in the browser, beside the field; a rule only the server can
 * check is refused by it and its Chinese reason shown beside the field, and 提交 still works.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:shuoshi-form-rules;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=" + FormRulesBrowserTest.ENGINE})
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FormRulesBrowserTest {

  static final String ENGINE = "formrules";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String COMPLETE = "button[ng-click='complete()']";

  static WebDriver browser;
  static int shot;

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @BeforeAll
  static void startChromium() throws IOException {
    browser = Chromium.start(name -> name.startsWith("rules-"), options -> options.addArguments("--window-size=1400,1200"));
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void aRejectedVerificationWithoutItsNoteIsStoppedInTheForm() {
    logIn("ls01_ganbu2");
    selectFilter("本单位待签收");
    openTask("核实办理结果", "低保申请进度咨询");
    claimIfNeeded();
    waitFor(By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'低保申请进度咨询')]"));

    radio("核实结论", "退回重办");
    clickInView(browser.findElement(By.cssSelector(COMPLETE)));
    WebElement error = new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
        .until(d -> field("核实意见").findElement(By.cssSelector(".fjs-form-field-error")));
    assertThat(error.getText()).isEqualTo("此项为必填项。");
    screenshot("verify-rejected-without-note");
    // Nothing was submitted: the task waits, and 提交 waits for the note (the reason is beside it).
    assertThat(verification()).isNotNull();
    assertThat(browser.findElement(By.cssSelector(COMPLETE)).isEnabled()).isFalse();
    assertThat(browser.findElements(By.cssSelector(".page-notifications .alert"))).noneMatch(WebElement::isDisplayed);

    // 核实无误 needs no note: the reason goes, and so it does when the note is written.
    radio("核实结论", "核实无误");
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(".shuoshi-required-error")).isEmpty());
    radio("核实结论", "退回重办");
    textarea("核实意见", "未附民政办的受理回执，请补充后重新办理。");
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(".shuoshi-required-error")).isEmpty());
    WebElement complete = browser.findElement(By.cssSelector(COMPLETE));
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(complete));
    screenshot("verify-rejected-with-note");
    clickInView(complete);
    new WebDriverWait(browser, PATIENCE).until(d -> verification() == null);
    logOut();
  }

  @Test
  @Order(2)
  void aRefusalOnlyTheServerCanMakeIsShownBesideItsField() {
    logIn("ls01_ganbu1");
    selectFilter("我的待办");
    openTask("分类交办", "村东头路灯不亮");
    claimIfNeeded();
    waitFor(By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'村东头路灯不亮')]"));
    radio("办理清单", "村级自办事项");
    WebElement duplicate = field("重复反映：原事项编号").findElement(By.cssSelector("input"));
    duplicate.sendKeys("LS01-2026-99999");
    duplicate.sendKeys(Keys.TAB);
    clickInView(browser.findElement(By.cssSelector(COMPLETE)));

    // The ledger has no such item: only the server knows. Its reason is under the field, in Chinese.
    WebElement error = new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
        .until(d -> field("重复反映：原事项编号").findElement(By.cssSelector(".shuoshi-server-error")));
    assertThat(error.getText()).contains("LS01-2026-99999").contains("不存在或已办结，不能并入");
    String notification = waitFor(By.cssSelector(".page-notifications .alert")).getText();
    assertThat(notification).contains("提交任务表单时出错").contains("不存在或已办结")
        .doesNotContain("Exception", "undefined", "null", "InvalidSubmission", "Error");
    screenshot("classify-unknown-duplicate-refused");
    assertThat(classification()).isNotNull();

    // 提交 is not dead: the cadre clears the number, the reason goes, and the item is classified.
    duplicate = field("重复反映：原事项编号").findElement(By.cssSelector("input"));
    duplicate.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, Keys.TAB);
    new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(".shuoshi-server-error")).isEmpty());
    WebElement complete = browser.findElement(By.cssSelector(COMPLETE));
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(complete));
    clickInView(complete);
    new WebDriverWait(browser, PATIENCE).until(d -> classification() == null);
    screenshot("classify-submitted");
    logOut();
  }

  Task verification() {
    return tasks.createTaskQuery().taskDefinitionKey(UnitHandlingProcess.VERIFY_RESULT).list().stream()
        .filter(t -> t.getName().contains("低保申请进度咨询")).findFirst().orElse(null);
  }

  Task classification() {
    return tasks.createTaskQuery().taskDefinitionKey(MatterProcess.Elements.CLASSIFY_MATTER).list().stream()
        .filter(t -> t.getName().contains("村东头路灯不亮")).findFirst().orElse(null);
  }

  String base() {
    return "http://localhost:" + port;
  }

  void logIn(String user) {
    browser.manage().deleteAllCookies();
    browser.get(base() + "/camunda/app/tasklist/" + ENGINE + "/");
    waitFor(By.cssSelector("form[name=signinForm] input[ng-model=username]")).sendKeys(user);
    browser.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    waitFor(By.cssSelector(".task-filter"));
  }

  void logOut() {
    waitFor(By.cssSelector("li.account > a.dropdown-toggle")).click();
    waitFor(By.xpath("//li[contains(@class,'account')]//a[normalize-space(.)='退出登录']")).click();
    waitFor(By.cssSelector("form[name=signinForm]"));
  }

  void selectFilter(String name) {
    waitFor(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'"
        + name + "')]")).click();
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//div[contains(@class,'task-filter') and contains(@class,'active')]//a[contains(normalize-space(.),'" + name + "')]")));
  }

  void openTask(String taskName, String title) {
    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
      waitFor(By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
          + "[.//h4[contains(@class,'task')][contains(normalize-space(.),'" + taskName + "')"
          + " and contains(normalize-space(.),'" + title + "')]]//h4[contains(@class,'task')]//a")).click();
      return true;
    });
  }

  void claimIfNeeded() {
    waitFor(By.cssSelector("[cam-tasklist-task-meta] li.assignee, li.assignee"));
    List<WebElement> claim = browser.findElements(By.cssSelector("button.claim"));
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      claim.get(0).click();
      waitFor(By.cssSelector("button.unclaim"));
    }
  }

  WebElement field(String label) {
    return waitFor(By.xpath("//div[contains(@class,'fjs-form-field')][./label[contains(@class,'fjs-form-field-label')]"
        + "[starts-with(normalize-space(.),'" + label + "')]]"));
  }

  void radio(String label, String option) {
    clickInView(field(label).findElement(By.xpath(".//label[contains(normalize-space(.),'" + option + "')]")));
  }

  /** Types into a text area until the form has taken it (form-js re-renders after a choice; see TasklistBrowserTest). */
  void textarea(String label, String text) {
    for (int attempt = 0; attempt < 5; attempt++) {
      WebElement area = field(label).findElement(By.cssSelector("textarea"));
      area.clear();
      area.sendKeys(text);
      area.sendKeys(Keys.TAB);
      try {
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
            .until(d -> text.equals(field(label).findElement(By.cssSelector("textarea")).getAttribute("value")));
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
    new WebDriverWait(browser, PATIENCE).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "var a = window.angular && angular.element(document.body).injector();"
            + "return !a || a.get('$http').pendingRequests.length === 0;")));
    Chromium.screenshot(browser, String.format("rules-%02d-%s.png", ++shot, name));
  }

  /** The notifications are fixed at the bottom right: dismissed, and the element brought to the middle. */
  static void clickInView(WebElement element) {
    for (WebElement close : browser.findElements(By.cssSelector(".page-notifications .close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }
}
