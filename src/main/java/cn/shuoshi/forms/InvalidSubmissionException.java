package cn.shuoshi.forms;

import cn.shuoshi.api.ExpectedRefusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A form submission the service refuses, naming every bad field.
 *
 * <p>It extends the engine's form validation exception because that is the type the engine REST API
 * ({@code submit-form}, task {@code complete}) answers with 400 instead of 500; the class is an engine
 * internal, the one this project deliberately depends on.
 */
public class InvalidSubmissionException extends FormFieldValidationException implements ExpectedRefusal {

  /**
   * One refused field as the Tasklist shows it beside the field: its key, its label and the id of its
   * form component (null when the refusal names no field of the form, e.g. a variable it does not have).
   */
  public record Field(String key, String label, String formFieldId, String message) { }

  private final Map<String, String> fieldErrors;
  private final List<Field> fields;

  public InvalidSubmissionException(Map<String, String> fieldErrors) {
    this(fieldErrors, null);
  }

  /** With the form the submission was checked against, so that each refusal names its field's component. */
  public InvalidSubmissionException(Map<String, String> fieldErrors, FormSchema schema) {
    super(fieldErrors.keySet().stream().findFirst().orElse(null), describe(fieldErrors));
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    List<Field> described = new ArrayList<>();
    fieldErrors.forEach((key, message) -> {
      FieldRule rule = schema == null ? null : schema.field(key).orElse(null);
      described.add(new Field(key, rule == null ? null : rule.label(), rule == null ? null : rule.id(), message));
    });
    this.fields = List.copyOf(described);
  }

  public static InvalidSubmissionException of(String field, String message) {
    return new InvalidSubmissionException(Map.of(field, message));
  }

  /** Field key to a message in Chinese that names the field by its label. */
  public Map<String, String> getFieldErrors() {
    return fieldErrors;
  }

  /** The same refusals, each with what the browser needs to find its field in the rendered form. */
  public List<Field> getFields() {
    return fields;
  }

  /**
   * Remembers this refusal for the HTTP request being answered. The webapps' own API
   * ({@code /camunda/api/engine}, which the Tasklist submits forms through) answers with Camunda's
   * exception mappers, which know no fields; {@code web.ErrorAnswerFilter} gives its 400 the same body
   * as the engine REST API's.
   */
  public void noteForRequest() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(InvalidSubmissionException.class.getName(), this, RequestAttributes.SCOPE_REQUEST);
    }
  }

  /** The refusal noted for this request, or null. */
  public static InvalidSubmissionException notedFor(jakarta.servlet.ServletRequest request) {
    return request.getAttribute(InvalidSubmissionException.class.getName()) instanceof InvalidSubmissionException noted
        ? noted : null;
  }

  private static String describe(Map<String, String> errors) {
    // Cadres read this in the Tasklist: labels only; API clients get the keys in getFieldErrors().
    return "提交未通过校验：" + String.join("；", errors.values());
  }
}
