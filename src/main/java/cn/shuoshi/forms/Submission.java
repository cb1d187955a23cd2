package cn.shuoshi.forms;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/** One form submission as the engine holds it: its values, who submitted it and what is wrong so far. */
public final class Submission {

  private final FormSchema schema;
  private final VariableScope scope;
  private final String actor;
  private final Map<String, String> errors = new LinkedHashMap<>();

  Submission(FormSchema schema, VariableScope scope, String actor) {
    this.schema = schema;
    this.scope = scope;
    this.actor = actor;
  }

  public String formId() {
    return schema.id();
  }

  /** The user who submits, or null when the engine is driven without an authenticated user. */
  public String actor() {
    return actor;
  }

  public Object value(String key) {
    return scope.getVariable(key);
  }

  public String text(String key) {
    Object value = value(key);
    return value instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  public boolean isTrue(String key) {
    return Boolean.TRUE.equals(value(key));
  }

  public boolean has(String key) {
    return text(key) != null || (value(key) != null && !(value(key) instanceof String));
  }

  /** A date field as a date; null when empty or not a date (the field rule reports the latter). */
  public LocalDate date(String key) {
    String text = text(key);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public void set(String key, Object value) {
    scope.setVariable(key, value);
  }

  public void require(String key) {
    if (!has(key)) {
      reject(key, label(key) + "不能为空");
    }
  }

  public void reject(String key, String message) {
    errors.putIfAbsent(key, message);
  }

  public String label(String key) {
    return "“" + schema.label(key) + "”";
  }

  public boolean hasError(String key) {
    return errors.containsKey(key);
  }

  public Optional<InvalidSubmissionException> failure() {
    return errors.isEmpty() ? Optional.empty() : Optional.of(new InvalidSubmissionException(errors, schema));
  }
}
