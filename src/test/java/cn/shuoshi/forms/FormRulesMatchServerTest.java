package cn.shuoshi.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every conditional or cross-field rule of {@code steps.MatterSubmissionRules} that a form can express
 * is in the form too, so the browser stops the cadre before the server has to (the server keeps every
 * rule: it is the authority). A designer who removes the form's half of a rule fails here, with the
 * rule named. Rules only the server can check (the organisation, the ledger, the process's history)
 * are listed in the report of the change and shown under their field when refused.
 */
class FormRulesMatchServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** What tasklist/scripts/form-js-zh.js understands in requiredWhen: key = "VALUE" joined by or. */
  private static final Pattern COMPARISON = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"([^\"]*)\"$");

  /** Required when another field has a value, the field staying visible: form-js-zh.js's requiredWhen. */
  static Stream<Arguments> requiredWhenVisible() {
    return Stream.of(
        Arguments.of("matter-verify", "verificationNote", "verificationResult", "REJECTED"),
        Arguments.of("matter-review", "satisfactionNote", "satisfaction", "DISSATISFIED"));
  }

  @ParameterizedTest(name = "{0}: {1} required when {2} = {3}")
  @MethodSource("requiredWhenVisible")
  void aFieldRequiredForOneAnswerSaysSoInTheForm(String form, String key, String when, String value) throws IOException {
    JsonNode field = component(form, key);
    assertThat(field.has("conditional")).as("%s stays visible: it is optional for the other answers", key).isFalse();
    String rule = field.path("properties").path("requiredWhen").asText("");
    assertThat(rule).as("%s of %s lacks properties.requiredWhen (server: MatterSubmissionRules)", key, form).isNotBlank();
    List<String[]> comparisons = comparisons(rule);
    assertThat(comparisons).as("requiredWhen of %s: only key = \"VALUE\" joined by or", key).isNotNull();
    assertThat(comparisons).anySatisfy(c -> assertThat(c).containsExactly(when, value));
    for (String[] comparison : comparisons) {
      JsonNode choice = component(form, comparison[0]);
      assertThat(choice.findValuesAsText("value")).as("%s has the option %s", comparison[0], comparison[1])
          .contains(comparison[1]);
    }
    assertThat(field.path("description").asText()).contains("必填");
  }

  /** Required when shown, and shown only for the answer that needs it: form-js checks these itself. */
  static Stream<Arguments> requiredWhenShown() {
    return Stream.of(
        Arguments.of("matter-handle", "promisedDate", "outcome = \"COMMITTED\""),
        Arguments.of("matter-handle", "commitmentSteps", "outcome = \"COMMITTED\""),
        Arguments.of("matter-handle", "policyBasis", "outcome = \"EXPLAINED\""),
        Arguments.of("matter-handle", "extensionReason", "handleAction != \"EXTENSION\""),
        Arguments.of("matter-handle", "extensionDays", "handleAction != \"EXTENSION\""),
        Arguments.of("matter-sign-for", "returnReason", "signForDecision != \"RETURN\""),
        Arguments.of("matter-return-ruling", "newLeadDepartment", "returnRuling != \"REROUTE\""),
        Arguments.of("matter-register", "onSpotAnswer", "answeredOnSpot != true"));
  }

  @ParameterizedTest(name = "{0}: {1} hidden unless needed, then required")
  @MethodSource("requiredWhenShown")
  void aFieldShownForOneAnswerIsRequiredThere(String form, String key, String hiddenWhen) throws IOException {
    JsonNode field = component(form, key);
    assertThat(field.path("validate").path("required").asBoolean()).as("%s of %s is required when shown", key, form)
        .isTrue();
    assertThat(field.path("conditional").path("hide").asText()).contains(hiddenWhen);
  }

  @Test
  void datesNotBeforeTodayOfferNoPassedDay() throws IOException {
    assertThat(component("matter-handle", "promisedDate").path("disallowPassedDates").asBoolean()).isTrue();
    assertThat(component("matter-classify", "requestedDeadline").path("disallowPassedDates").asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1} not after today")
  @MethodSource("datesNotAfterToday")
  void datesNotAfterTodayAreDeclaredForTheBrowser(String form, String key) throws IOException {
    JsonNode field = component(form, key);
    assertThat(field.path("type").asText()).isEqualTo("datetime");
    assertThat(field.path("properties").path("notAfterToday").asText())
        .as("%s of %s: properties.notAfterToday (server: MatterSubmissionRules.notInFuture)", key, form)
        .isEqualTo("true");
  }

  static Stream<Arguments> datesNotAfterToday() {
    return Stream.of(
        Arguments.of("matter-feedback", "feedbackDate"),
        Arguments.of("matter-deliberation", "meetingDate"),
        Arguments.of("matter-publication", "publishedAt"));
  }

  @Test
  void extensionDaysAreLimitedByTheRuleOfTheLevel() throws IOException {
    JsonNode validate = component("matter-handle", "extensionDays").path("validate");
    assertThat(validate.path("max").asText()).startsWith("=").contains("maxExtensionDays");
    assertThat(validate.path("min").asInt()).isEqualTo(1);
  }

  @Test
  void aPetitionOrAComplaintAboutACadreIsNotOfferedTheAnswerOnTheSpot() throws IOException {
    String condition = "matterType = \"PETITION\" or subject = \"CADRE_CONDUCT\"";
    assertThat(component("matter-register", "answeredOnSpot").path("conditional").path("hide").asText())
        .contains(condition);
    assertThat(component("matter-register", "onSpotAnswer").path("conditional").path("hide").asText())
        .contains(condition);
  }

  /** The server reads a FEEL-valued limit as no limit of its own, not as 0 (MatterSubmissionRules has the rule). */
  @Test
  void theServerSkipsAFeelLimitInsteadOfMisreadingIt() {
    FieldRule days = new FormSchemaRegistry().find("matter-handle").orElseThrow().field("extensionDays").orElseThrow();
    assertThat(days.max()).isNull();
    assertThat(days.min()).isEqualTo(1L);
    assertThat(days.id()).isEqualTo("Field_ExtensionDays");
    FieldRule note = new FormSchemaRegistry().find("matter-verify").orElseThrow().field("verificationNote").orElseThrow();
    assertThat(note.required()).isFalse();
    assertThat(note.maxLength()).isEqualTo(1000);
    assertThat(note.minLength()).isNull();
  }

  /** null when the rule holds anything but key = "VALUE" comparisons joined by or. */
  private static List<String[]> comparisons(String rule) {
    List<String[]> result = new ArrayList<>();
    for (String part : rule.split("\\s+or\\s+")) {
      Matcher m = COMPARISON.matcher(part.trim());
      if (!m.matches()) {
        return null;
      }
      result.add(new String[] {m.group(1), m.group(2)});
    }
    return result;
  }

  private static JsonNode component(String form, String key) throws IOException {
    JsonNode schema = JSON.readTree(Files.readString(Path.of("forms", form + ".form")));
    List<JsonNode> found = new ArrayList<>();
    find(schema.path("components"), key, found);
    assertThat(found).as("%s has one field %s", form, key).hasSize(1);
    return found.get(0);
  }

  private static void find(JsonNode components, String key, List<JsonNode> into) {
    for (JsonNode component : components) {
      if (key.equals(component.path("key").asText(null))) {
        into.add(component);
      }
      find(component.path("components"), key, into);
    }
  }
}
