package cn.shuoshi.model;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Typed reads of process variables for delegates and listeners: a variable of the wrong type fails
 * with its name and its type, instead of a cast's ClassCastException somewhere later.
 */
public final class Variable {

  private Variable() {}

  /** The text in {@code name}, or null when it is not set. */
  public static String text(VariableScope scope, String name) {
    return read(scope, name, String.class);
  }

  /** The point in time in {@code name}, or null when it is not set. */
  public static Date date(VariableScope scope, String name) {
    return read(scope, name, Date.class);
  }

  /** The whole number in {@code name}, or null when it is not set. */
  public static Integer number(VariableScope scope, String name) {
    Number number = read(scope, name, Number.class);
    return number == null ? null : number.intValue();
  }

  private static <T> T read(VariableScope scope, String name, Class<T> type) {
    TypedValue value = scope.getVariableTyped(name);
    if (value == null || value.getValue() == null) {
      return null;
    }
    if (!type.isInstance(value.getValue())) {
      throw new IllegalStateException("process variable " + name + " holds " + value.getValue().getClass().getSimpleName()
          + ", not " + type.getSimpleName());
    }
    return type.cast(value.getValue());
  }
}
