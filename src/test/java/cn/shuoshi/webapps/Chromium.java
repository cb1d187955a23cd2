package cn.shuoshi.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Debian Chromium the browser tests drive (packages chromium, chromium-driver, fonts-noto-cjk; .ci/run
 * installs them): started headless with a Chinese browser's language on Beijing time, screenshots into
 * {@code target/screenshots/}, and the English words a page shows its user.
 */
final class Chromium {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CJK_FONT = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z_]+");

  private Chromium() {}

  /**
   * A headless Chromium whose first language is Chinese and whose clock is Beijing's, after {@code options}
   * (window size, a phone's emulation). A test's own earlier screenshots ({@code ours}, by file name) go.
   */
  static WebDriver start(Predicate<String> ours, Consumer<ChromeOptions> options) throws IOException {
    for (Path needed : List.of(CHROMIUM, CHROMEDRIVER, CJK_FONT)) {
      assertThat(needed).as("%s is missing: install the Debian packages chromium chromium-driver fonts-noto-cjk "
          + "(.ci/run does)", needed).exists();
    }
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) {
      for (Path shot : old.filter(p -> ours.test(p.getFileName().toString())).toList()) {
        Files.delete(shot);
      }
    }
    ChromeOptions chrome = new ChromeOptions();
    chrome.setBinary(CHROMIUM.toFile());
    chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN");
    // The webapps take navigator.languages[0]; headless Chromium takes it from this preference.
    chrome.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    options.accept(chrome);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        // A cadre's computer keeps Beijing time: due dates and the footer show it.
        .withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
    return new ChromeDriver(service, chrome);
  }

  /** The page as a picture, {@code target/screenshots/<file>}. */
  static void screenshot(WebDriver browser, String file) {
    Path target = SCREENSHOTS.resolve(file);
    try {
      Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + target, e);
    }
  }

  /**
   * The English words the page shows its user: in every visible text (and the placeholders and tooltips of
   * visible elements) outside {@code skip} (a CSS selector), once {@code notWords} (patterns: item numbers,
   * file kinds, a product's name) are taken out. Each as "word (tag: text)", to find it on the page.
   */
  @SuppressWarnings("unchecked")
  static List<String> englishOn(WebDriver browser, String skip, String... notWords) {
    List<String> texts = (List<String>) ((JavascriptExecutor) browser).executeScript("""
        const skip = arguments[0];
        const texts = [];
        const visible = (e) => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (n.data.trim() && visible(parent) && !parent.closest('script, style, noscript, ' + skip)) {
            texts.push(parent.tagName.toLowerCase() + ': ' + n.data.trim());
          }
        }
        document.querySelectorAll('[placeholder], [title]').forEach((e) => {
          if (visible(e)) {
            ['placeholder', 'title'].forEach((a) => e.getAttribute(a)
                && texts.push(e.tagName.toLowerCase() + '[' + a + ']: ' + e.getAttribute(a)));
          }
        });
        return texts;""", skip);
    List<String> found = new ArrayList<>();
    for (String located : texts) {
      String text = located.substring(located.indexOf(": ") + 2);
      for (String notWord : notWords) {
        text = text.replaceAll(notWord, "");
      }
      Matcher word = WORD.matcher(text);
      while (word.find()) {
        found.add(word.group() + " (" + (located.length() > 70 ? located.substring(0, 70) + "…" : located) + ")");
      }
    }
    return found;
  }
}
