package cn.shuoshi.forms;

import cn.shuoshi.api.ExpectedRefusal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form submission the service refuses, naming every bad field.
 *
 * <p>It extends the engine's form validation exception because that is the type the engine REST API
 * ({@code submit-form}, task {@code complete}) answers with 400 instead of 500; the class is an engine
 * internal, the one this project deliberately depends on.
 */
public class InvalidSubmissionException extends FormFieldValidationException implements ExpectedRefusal {

  private final Map<String, String> fieldErrors;

  public InvalidSubmissionException(Map<String, String> fieldErrors) {
    super(fieldErrors.keySet().stream().findFirst().orElse(null), describe(fieldErrors));
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
  }

  public static InvalidSubmissionException of(String field, String message) {
    return new InvalidSubmissionException(Map.of(field, message));
  }

  /** Field key to a message in Chinese that names the field by its label. */
  public Map<String, String> getFieldErrors() {
    return fieldErrors;
  }

  private static String describe(Map<String, String> errors) {
    // Cadres read this in the Tasklist: labels only; API clients get the keys in getFieldErrors().
    return "提交未通过校验：" + String.join("；", errors.values());
  }
}
