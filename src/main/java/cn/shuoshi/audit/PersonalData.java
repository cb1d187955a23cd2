package cn.shuoshi.audit;

import java.util.Set;

/**
 * Residents' personal data the engine must never keep: the registration form's fields about the
 * reporter. They reach the process only for the instant the registration step reads them into the
 * ledger (the service's own tables); no engine history, whatever its level, writes them.
 */
public final class PersonalData {

  /** Variable and form field names (processes/matter.bpmn start form, forms/matter-register.form). */
  public static final Set<String> VARIABLES = Set.of("reporterName", "reporterPhone", "reporterGroup");

  private PersonalData() {}

  public static boolean isPersonal(String variableName) {
    return variableName != null && VARIABLES.contains(variableName);
  }
}
