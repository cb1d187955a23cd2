package cn.shuoshi.forms;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one form field accepts, read from its Camunda Form definition.
 *
 * @param id the form component's id, which the renderer writes into the field's DOM ids (the browser
 *     finds the field of a refusal by it)
 * @param optionLabels the values a choice allows, in the form's order, each with the label a cadre reads
 * @param conditional the field is shown only for some answers; whether it is then required is a
 *     cross-field rule ({@link SubmissionRules}), because form-js decides that in FEEL in the browser
 */
public record FieldRule(
    String key,
    String id,
    String label,
    String type,
    boolean required,
    Integer minLength,
    Integer maxLength,
    Pattern pattern,
    boolean conditional,
    Long min,
    Long max,
    Map<String, String> optionLabels) {

  public boolean isNumber() {
    return "number".equals(type);
  }

  public boolean isList() {
    return "checklist".equals(type) || "taglist".equals(type);
  }

  public boolean isText() {
    return "textfield".equals(type) || "textarea".equals(type);
  }

  /** The values a choice allows (the form's options). */
  public Set<String> allowedValues() {
    return optionLabels.keySet();
  }

  public boolean isChoice() {
    return !optionLabels.isEmpty();
  }

  public boolean isCheckbox() {
    return "checkbox".equals(type);
  }

  public boolean isDate() {
    return "datetime".equals(type);
  }
}
