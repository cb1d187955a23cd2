package cn.shuoshi.unithandling;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.model.DecisionEvaluationPlugin;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/**
 * Each rule of the two decision tables a designer edits, as the designer reads them: which rule
 * matches and what it gives. Evaluated by the Camunda DMN engine on the deployed files.
 */
class TimeLimitsDecisionTest {

  static DmnEngine dmn;
  static final List<String> matchedRules = new ArrayList<>();

  @BeforeAll
  static void engine() {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of((DmnDecisionTableEvaluationListener)
        (DmnDecisionTableEvaluationEvent event) ->
            event.getMatchingRules().forEach(rule -> matchedRules.add(rule.getId()))));
    // The FEEL the service's engine evaluates the tables with.
    DecisionEvaluationPlugin.install(configuration);
    dmn = configuration.buildEngine();
  }

  static DmnDecisionResultEntries evaluate(String file, String decision, Map<String, Object> inputs)
      throws Exception {
    matchedRules.clear();
    try (InputStream table = new ClassPathResource("processes/" + file).getInputStream()) {
      DmnDecision parsed = dmn.parseDecision(decision, table);
      return dmn.evaluateDecision(parsed, inputs).getSingleResult();
    }
  }

  static Object blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @ParameterizedTest(name = "{0}: {1}/{2}/{3} → {4} {5}")
  @CsvSource({
      "Rule_CadreConduct, VILLAGE,      PROBLEM,    CADRE_CONDUCT,  TOWN,    SUPERVISOR",
      "Rule_CadreConduct, HIGHER_LEVEL, PETITION,   CADRE_CONDUCT,  TOWN,    SUPERVISOR",
      "Rule_Petition,     VILLAGE,      PETITION,   DISPUTE,        TOWN,    STATION",
      "Rule_HigherLevel,  HIGHER_LEVEL, REQUEST,    INFRASTRUCTURE, TOWN,    STATION",
      "Rule_PublicMajor,  PUBLIC_MAJOR, SUGGESTION, INFRASTRUCTURE, VILLAGE, COMMITTEE",
      "Rule_Village,      VILLAGE,      PROBLEM,    LIVELIHOOD,     VILLAGE, COMMITTEE",
  })
  void routing(String rule, String handlingList, String matterType, String subject, String level, String role)
      throws Exception {
    DmnDecisionResultEntries result = evaluate("matter-routing.dmn", MatterProcess.DECISION_ROUTING,
        Map.of("handlingList", handlingList, "matterType", matterType, "subject", subject));

    assertThat(matchedRules).containsExactly(rule);
    assertThat(result.get("level")).isEqualTo(level);
    assertThat(result.get("unitRole")).isEqualTo(role);
  }

  @ParameterizedTest(name = "{0}: escalated from {1} → {2} {3}")
  @CsvSource({
      "Rule_EscalateVillage, VILLAGE, TOWN,   STATION",
      "Rule_EscalateTown,    TOWN,    COUNTY, CENTRE",
      "Rule_EscalateCounty,  COUNTY,  COUNTY, CENTRE",
  })
  void escalation(String rule, String from, String level, String role) throws Exception {
    DmnDecisionResultEntries result = evaluate("matter-routing.dmn", "escalationLevel",
        Map.of("handlingLevel", from));

    assertThat(matchedRules).containsExactly(rule);
    assertThat(result.get("level")).isEqualTo(level);
    assertThat(result.get("unitRole")).isEqualTo(role);
  }

  @ParameterizedTest(name = "{0}: {1}/{2}/{3} → {4} days")
  @CsvSource({
      "Rule_Petition,           TOWN,    PETITION,   HIGHER_LEVEL, 60, false, 15, 72, 30",
      "Rule_Petition,           COUNTY,  PETITION,   VILLAGE,      60, false, 15, 72, 30",
      "Rule_VillagePublicMajor, VILLAGE, SUGGESTION, PUBLIC_MAJOR, 20, true,   0, 48, 10",
      "Rule_VillageSuggestion,  VILLAGE, SUGGESTION, VILLAGE,       7, true,   0, 24,  5",
      "Rule_Village,            VILLAGE, PROBLEM,    VILLAGE,       5, true,   0, 24,  5",
      "Rule_Town,               TOWN,    REQUEST,    HIGHER_LEVEL, 10, true,   1, 48,  5",
      "Rule_County,             COUNTY,  PROBLEM,    HIGHER_LEVEL, 15, true,   2, 48, 10",
  })
  void timeLimits(String rule, String level, String matterType, String handlingList, int days, boolean workingDays,
      int signForDays, int reminderHours, int maxExtensionDays) throws Exception {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("unitLevel", level);
    inputs.put("matterType", blankAsNull(matterType));
    inputs.put("handlingList", blankAsNull(handlingList));
    DmnDecisionResultEntries result = evaluate("matter-time-limits.dmn", MatterProcess.DECISION_TIME_LIMITS, inputs);

    assertThat(matchedRules).containsExactly(rule);
    assertThat(((Number) result.get("handlingDays")).intValue()).isEqualTo(days);
    assertThat(result.get("workingDays")).isEqualTo(workingDays);
    assertThat(((Number) result.get("signForDays")).intValue()).isEqualTo(signForDays);
    assertThat(((Number) result.get("reminderHours")).intValue()).isEqualTo(reminderHours);
    assertThat(((Number) result.get("maxExtensionDays")).intValue()).isEqualTo(maxExtensionDays);
  }
}
