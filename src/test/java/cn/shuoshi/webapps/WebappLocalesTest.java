package cn.shuoshi.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.security.account.ShuoshiPasswordPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Chinese locale of each webapp against the English one of the Camunda 7.24 webjar: the same keys
 * (a missing key shows the raw key, e.g. "BANNER_CE_EOL_TEXT", to a cadre), every value translated
 * and non-empty, the same {{placeholders}}; and the app's config.js makes Chinese the fallback. The only
 * keys of our own are the texts of our password rules in the apps that list the rules (Admin, Welcome).
 */
class WebappLocalesTest {

  static final String APP = "META-INF/resources/webjars/camunda/app/";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]|\\{}");
  /** Values that read the same in Chinese: operators, formats, abbreviations, product names. */
  static final Set<String> SAME_IN_CHINESE = Set.of(
      "<", "<=", ">", ">=", "CSV", "JSON", "ID", "ID*", "L", "HH:mm", "YYYY-MM-DDTHH:mm:ss", "null", "Optimize");

  /** Our password rules' placeholders (security.account.ShuoshiPasswordPolicy) and their parameters. */
  static final Map<String, String> PASSWORD_RULES = Map.of(
      "labels." + ShuoshiPasswordPolicy.LETTER, "{{minLetter}}",
      "labels." + ShuoshiPasswordPolicy.HISTORY, "{{count}}");
  static final Map<String, Map<String, String>> OWN_KEYS = Map.of(
      "tasklist", Map.of(), "cockpit", Map.of(), "admin", PASSWORD_RULES, "welcome", PASSWORD_RULES);

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theChineseLocaleHasEveryKeyOfTheEnglishOneTranslated(String app) throws IOException {
    Map<String, JsonNode> english = leaves(read(webjarResource(APP + app + "/locales/en.json")));
    Map<String, JsonNode> chinese = leaves(read(ownResource(APP + app + "/locales/zh.json")));

    Set<String> expected = new TreeSet<>(english.keySet());
    expected.addAll(OWN_KEYS.get(app).keySet());
    assertThat(chinese.keySet()).as("keys of %s zh.json", app).isEqualTo(expected);
    OWN_KEYS.get(app).forEach((key, parameter) -> {
      assertThat(english).as("%s is Camunda's key now: drop it from OWN_KEYS", key).doesNotContainKey(key);
      assertThat(chinese.get(key).asText()).as(key).containsPattern("[\\u4e00-\\u9fff]");
      assertThat(placeholders(chinese.get(key).asText())).as(key).containsExactly(parameter);
    });
    List<String> problems = new ArrayList<>();
    english.forEach((key, en) -> {
      JsonNode zh = chinese.get(key);
      if (en.isTextual() != zh.isTextual()) {
        problems.add(key + ": type differs");
      } else if (zh.isTextual()) {
        String value = zh.asText();
        if (value.isBlank()) {
          problems.add(key + ": empty");
        } else if (value.equals(en.asText()) && !SAME_IN_CHINESE.contains(value)) {
          problems.add(key + ": not translated: " + value);
        } else if (!placeholders(value).equals(placeholders(en.asText()))) {
          problems.add(key + ": placeholders " + placeholders(value) + " instead of " + placeholders(en.asText()));
        }
      }
    });
    assertThat(problems).as("%s zh.json", app).isEmpty();
    assertThat(english).as("%s en.json", app).hasSizeGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theAppsConfigOffersChineseAsFallbackAndKeepsEnglish(String app) throws IOException {
    String config = text(ownResource(APP + app + "/scripts/config.js"));
    assertThat(config).contains("export default {")
        .containsPattern("availableLocales:\\s*\\['zh', 'en'\\]")
        .containsPattern("fallbackLocale:\\s*'zh'")
        .containsPattern("vendor:\\s*'说事解题'");
    assertThat(text(ownResource(APP + app + "/styles/user-styles.css")))
        .containsPattern("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none");
  }

  static List<String> placeholders(String value) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(value);
    while (m.find()) {
      found.add(m.group().replace(" ", ""));
    }
    Collections.sort(found);
    return found;
  }

  /** Every leaf of the JSON tree by its path, e.g. "labels.BANNER_CE_EOL_TEXT", "dateLocales.months[4]". */
  static Map<String, JsonNode> leaves(JsonNode root) {
    Map<String, JsonNode> leaves = new TreeMap<>();
    collect("", root, leaves);
    return leaves;
  }

  static void collect(String path, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> collect(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), leaves));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", node.get(i), leaves);
      }
    } else {
      leaves.put(path, node);
    }
  }

  /** The file inside the camunda-webapp-webjar (not one of ours of the same name). */
  static URL webjarResource(String path) throws IOException {
    for (URL url : Collections.list(WebappLocalesTest.class.getClassLoader().getResources(path))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        return url;
      }
    }
    throw new AssertionError("not in the camunda-webapp-webjar: " + path);
  }

  /** Our file: the first on the classpath, the one the webapp serves. */
  static URL ownResource(String path) {
    URL url = WebappLocalesTest.class.getClassLoader().getResource(path);
    assertThat(url).as(path).isNotNull();
    assertThat(url.toString()).as(path).doesNotContain("camunda-webapp-webjar");
    return url;
  }

  static JsonNode read(URL url) throws IOException {
    return JSON.readTree(text(url));
  }

  static String text(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text; // the webjar's files start with a BOM
    }
  }
}
