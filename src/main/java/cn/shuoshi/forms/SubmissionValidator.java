package cn.shuoshi.forms;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Checks a submission against its Camunda Form on the server, because the Tasklist validates Camunda
 * Forms only in the browser and the engine REST API not at all. Values are normalised in place
 * (a single choice sent as Json becomes a String, an unticked checkbox becomes false) so gateways and
 * the ledger read plain values.
 */
@Component
public class SubmissionValidator {

  private static final int DEFAULT_MAX_LENGTH = 4000;

  private final FormSchemaRegistry forms;
  private final SubmissionRules rules;

  public SubmissionValidator(FormSchemaRegistry forms, SubmissionRules rules) {
    this.forms = forms;
    this.rules = rules;
  }

  /**
   * Validates the values of form {@code formId} held in {@code scope}; throws {@link
   * InvalidSubmissionException} naming every bad field. Unknown form ids are not checked.
   */
  public void validate(String formId, VariableScope scope, String actor) {
    FormSchema schema = forms.find(formId).orElse(null);
    if (schema == null) {
      return;
    }
    Submission submission = new Submission(schema, scope, actor);
    // Any text, form field or not, must be storable: PostgreSQL refuses NUL characters and broken
    // UTF-16 (a lone surrogate), and a refusal there would be a 500 instead of a clear 400.
    scope.getVariables().forEach((name, value) -> {
      if (value instanceof String text && !storable(text)) {
        submission.reject(name, "“" + schema.label(name) + "”含有控制字符或无法保存的字符");
      }
    });
    for (FieldRule field : schema.fields()) {
      check(field, submission);
    }
    rules.check(submission);
    submission.failure().ifPresent(e -> {
      throw e;
    });
  }

  private void check(FieldRule field, Submission s) {
    String key = field.key();
    Object value = normalise(s.value(key));
    if (field.isCheckbox()) {
      if (value == null || value instanceof Boolean) {
        setIfChanged(s, key, value == null ? Boolean.FALSE : value);
      } else if ("true".equals(value) || "false".equals(value)) {
        s.set(key, Boolean.valueOf((String) value));
      } else {
        s.reject(key, s.label(key) + "只能是“是”或“否”");
      }
      return;
    }
    if (field.isNumber()) {
      checkNumber(field, s, value);
      return;
    }
    if (field.isList()) {
      checkList(field, s, value);
      return;
    }
    if (value != null && !(value instanceof String)) {
      s.reject(key, s.label(key) + "应为文字，收到的是" + value.getClass().getSimpleName());
      return;
    }
    setIfChanged(s, key, value);
    String text = (String) value;
    boolean blank = text == null || text.isBlank();
    if (blank) {
      if (field.required() && !field.conditional()) {
        s.reject(key, s.label(key) + "不能为空");
      }
      return;
    }
    if (field.isChoice() && !field.allowedValues().contains(text)) {
      s.reject(key, s.label(key) + "的取值“" + abbreviate(text) + "”不在可选范围内");
      return;
    }
    if (field.isDate() && !isDate(text)) {
      s.reject(key, s.label(key) + "应为日期（如 2026-01-31）");
      return;
    }
    int length = text.codePointCount(0, text.length());
    int max = field.maxLength() != null ? field.maxLength() : DEFAULT_MAX_LENGTH;
    if (length > max) {
      s.reject(key, s.label(key) + "不能超过" + max + "个字（现有" + length + "个）");
    } else if (field.minLength() != null && length < field.minLength()) {
      s.reject(key, s.label(key) + "至少需要" + field.minLength() + "个字");
    } else if (hasControlCharacters(text)) {
      s.reject(key, s.label(key) + "含有不可见的控制字符");
    } else if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
      s.reject(key, s.label(key) + "格式不正确");
    }
  }

  private static void checkNumber(FieldRule field, Submission s, Object value) {
    String key = field.key();
    if (value == null || (value instanceof String text && text.isBlank())) {
      if (field.required() && !field.conditional()) {
        s.reject(key, s.label(key) + "不能为空");
      }
      return;
    }
    Long number = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : null;
    if (number == null && value instanceof String text && text.strip().matches("-?\\d{1,9}")) {
      number = Long.parseLong(text.strip());
    }
    if (number == null) {
      s.reject(key, s.label(key) + "应为整数");
      return;
    }
    // A bound written in FEEL (matter-handle's "=maxExtensionDays") is null here: only the other is said.
    if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
      s.reject(key, s.label(key) + (field.min() == null ? "不能大于" + field.max()
          : field.max() == null ? "不能小于" + field.min() : "应在" + field.min() + "到" + field.max() + "之间"));
      return;
    }
    setIfChanged(s, key, number.intValue());
  }

  /** A checklist arrives as a Json array (Tasklist) or a list (Java API); it is kept as a list of codes. */
  private static void checkList(FieldRule field, Submission s, Object value) {
    String key = field.key();
    java.util.List<String> items = new java.util.ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(e -> items.add(e.isString() ? e.stringValue() : e.toString()));
    } else if (value instanceof java.util.Collection<?> list) {
      list.forEach(e -> items.add(String.valueOf(e)));
    } else if (value != null) {
      s.reject(key, s.label(key) + "应为多项选择");
      return;
    }
    if (items.isEmpty() && field.required() && !field.conditional()) {
      s.reject(key, s.label(key) + "至少选择一项");
    }
    for (String item : items) {
      if (field.isChoice() && !field.allowedValues().contains(item)) {
        s.reject(key, s.label(key) + "的取值“" + abbreviate(item) + "”不在可选范围内");
      }
    }
    if (!(value instanceof java.util.List<?>) || !items.equals(value)) {
      s.set(key, org.camunda.bpm.engine.variable.Variables.objectValue(items)
          .serializationDataFormat(org.camunda.bpm.engine.variable.Variables.SerializationDataFormats.JSON).create());
    }
  }

  private static void setIfChanged(Submission s, String key, Object normalised) {
    Object current = s.value(key);
    if (current != normalised && (current == null || !current.equals(normalised))) {
      s.set(key, normalised);
    }
  }

  /** Camunda Forms submit choices as Json; the process works with plain values. */
  private static Object normalise(Object value) {
    if (value instanceof SpinJsonNode json) {
      if (json.isString()) {
        return json.stringValue();
      }
      if (json.isBoolean()) {
        return json.boolValue();
      }
      if (json.isNull()) {
        return null;
      }
      return json.toString();
    }
    return value;
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControlCharacters(String text) {
    return text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
  }

  private static String abbreviate(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }
}
