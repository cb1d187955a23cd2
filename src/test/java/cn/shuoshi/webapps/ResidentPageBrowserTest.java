package cn.shuoshi.webapps;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.matter.MatterProcess.Elements.FEEDBACK_TO_RESIDENT;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.reports.RatesCalculator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The resident's page in a real headless Chromium at a phone's size (375×667, WeChat's user agent): a
 * resident registers an item online, cadres take it to the rating step, the resident opens the private
 * link, reads the status and the feedback and rates it 满意, and the rates count the rating as the
 * resident's own. Screenshots go to {@code target/screenshots/resident-*.png}. Needs the Debian packages
 * chromium, chromium-driver and fonts-noto-cjk, as {@link TasklistBrowserTest}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:shuoshi-resident-browser;DB_CLOSE_DELAY=-1",
        // Own engine name: the webapps find engines by name in a JVM-wide registry (see DemoDataSetTest).
        "camunda.bpm.process-engine-name=" + ResidentPageBrowserTest.ENGINE})
@ActiveProfiles({"demo", "test"})
class ResidentPageBrowserTest {

  // No hyphen: Camunda ignores an engine name with one, and the engine would be "default" again.
  static final String ENGINE = "residentbrowser";
  static final String VILLAGE = "LS01";
  static final String CADRE = "ls01_ganbu1";
  static final String SECOND_CADRE = "ls01_ganbu2";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static WebDriver browser;
  static int shot;
  static final List<String> english = new ArrayList<>();

  @LocalServerPort int port;
  @Autowired MatterSteps steps;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired RatesCalculator rates;
  @Autowired Org org;

  @BeforeAll
  static void startChromium() throws IOException {
    browser = Chromium.start(name -> name.startsWith("resident-"), options ->
        // A phone: 375×667 CSS pixels, touch, and WeChat's built-in browser's user agent.
        options.setExperimentalOption("mobileEmulation", Map.of(
            "deviceMetrics", Map.of("width", 375, "height", 667, "pixelRatio", 2.0, "touch", true),
            "userAgent", "Mozilla/5.0 (Linux; Android 12; V2048A) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN")));
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aResidentRegistersOnlineFollowsTheItemAndRatesIt() {
    browser.get("http://localhost:" + port + "/r/new?village=" + VILLAGE);
    waitFor(By.id("reporterName"));
    assertThat(browser.getTitle()).isEqualTo("在线反映事项");
    assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;")).intValue())
        .isEqualTo(375);
    // Nothing wider than the phone: no sideways scrolling.
    assertThat(((Number) ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth;")).intValue()).isLessThanOrEqualTo(375);
    screenshot("form");

    browser.findElement(By.id("reporterName")).sendKeys("王秀英");
    browser.findElement(By.id("reporterPhone")).sendKeys("13800001234");
    browser.findElement(By.id("title")).sendKeys("村口路灯不亮");
    browser.findElement(By.id("description")).sendKeys("村口到小学的三盏路灯坏了一个多月，晚上孩子放学路黑。");
    click(By.xpath("//label[contains(@class,'choice')][contains(normalize-space(.),'问题')]/input[@name='matterType']"));
    new Select(browser.findElement(By.id("subject"))).selectByValue("INFRASTRUCTURE");
    screenshot("form-filled");
    // A person takes a moment: the form refuses what comes back sooner than shortest-form-time (its seal
    // holds the engine clock's time), so the engine clock is moved on instead of waiting.
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(30)));
    String number;
    try {
      click(By.cssSelector("form button[type=submit]"));
      number = waitFor(By.id("number")).getText();
    } finally {
      ClockUtil.reset();
    }
    assertThat(number).matches("LS01-\\d{4}-\\d{5}");
    WebElement link = browser.findElement(By.id("link"));
    String href = link.getAttribute("href");
    assertThat(href).matches("http://localhost:" + port + "/r/[A-Za-z0-9_-]{22}");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("已登记", "您的专属查看链接");
    screenshot("registered");
    assertThat(jdbc.queryForObject("select channel from matter where matter_number = ?", String.class, number))
        .isEqualTo("ONLINE");

    // The cadres take the item to the rating step, as in the Tasklist.
    ProcessInstance item = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
        .processDefinitionKey(MatterProcess.KEY).singleResult();
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete(SECOND_CADRE, item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());

    int residentsBefore = rates.rates(org.unit(VILLAGE).orElseThrow(), YearMonth.now(EngineClock.BEIJING))
        .ratedByResident();

    link.click();
    waitFor(By.id("rating"));
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).contains(number, "村口路灯不亮", "满意度测评中", "办理结果", "反馈方式", "请您评价办理结果", "办理经过")
        .doesNotContain("王秀英", "13800001234");
    screenshot("item");
    ((JavascriptExecutor) browser).executeScript("document.getElementById('rating').scrollIntoView();");
    screenshot("rating-form");

    click(By.xpath("//input[@name='satisfaction'][@value='SATISFIED']"));
    click(By.cssSelector("#rating button[type=submit]"));
    WebElement done = waitFor(By.cssSelector("p.ok"));
    assertThat(done.getText()).isEqualTo("您的评价已记录：满意。谢谢！");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("已办结", "满意（您本人评价）");
    assertThat(browser.findElements(By.id("rating"))).isEmpty();
    screenshot("rated");

    assertThat(jdbc.queryForMap("select satisfaction, satisfaction_by, resident_satisfaction from matter "
        + "where matter_number = ?", number)).containsEntry("SATISFACTION", "SATISFIED")
        .containsEntry("SATISFACTION_BY", "RESIDENT").containsEntry("RESIDENT_SATISFACTION", "SATISFIED");
    assertThat(rates.rates(org.unit(VILLAGE).orElseThrow(), YearMonth.now(EngineClock.BEIJING)).ratedByResident())
        .isEqualTo(residentsBefore + 1);

    assertThat(english).as("English words on the resident's pages").isEmpty();
  }

  void click(By locator) {
    WebElement element = new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(locator));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  WebElement waitFor(By locator) {
    return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  void screenshot(String name) {
    english.addAll(englishOnPage().stream().map(word -> name + ": " + word).toList());
    Chromium.screenshot(browser, String.format("resident-%02d-%s.png", ++shot, name));
  }

  /**
   * The English words a resident reads on the page (visible texts, placeholders and tooltips), as
   * {@link TasklistBrowserTest} collects them; item numbers and the private link's address (a web address,
   * no word of a language) excepted.
   */
  List<String> englishOnPage() {
    return Chromium.englishOn(browser, ".link, .hp", "[A-Z]{2}\\d{2}-\\d{4}-\\d{5}");
  }
}
