package cn.shuoshi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The FEEL the decision tables are written in, answered without the FEEL interpreter where the
 * expression is a plain literal or a variable's name — what every cell of this service's tables is:
 * {@code "TOWN"}, {@code "PETITION","HIGHER_LEVEL"}, {@code 5}, {@code true}, {@code matterType}.
 * Everything else (ranges, comparisons, {@code not(…)}, functions, escapes, a value that is not text)
 * goes to the engine's own FEEL engine unchanged, so a designer may write any FEEL in a table.
 *
 * <p>Why: the engine's FEEL interpreter parses each cell again and builds its table of built-in
 * functions anew for every cell it evaluates; the four decisions an item passes through cost more
 * processor time than all the rest of its steps' own code (docs/PERFORMANCE.md). The answers are the
 * same as the interpreter's, value and type (LiteralFeelTest compares both on every cell of the
 * shipped tables and on the shapes handed over).
 */
public final class LiteralFeel implements FeelEngine {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  /** A string literal without escapes or quotes inside. */
  private static final Pattern TEXT = Pattern.compile("\"[^\"\\\\]*\"");
  /** Names FEEL reads as something other than a variable. */
  private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "not", "and", "or", "between",
      "instance", "of", "if", "then", "else", "for", "in", "return", "some", "every", "satisfies", "function",
      "external", "date", "time", "duration");

  /** What a cell reads as: a literal value, a variable's name, or neither (null: the interpreter's). */
  private record Literal(Object value, String name) {}

  private static final Literal INTERPRETED = new Literal(null, null);

  private final FeelEngine interpreter;
  private final Map<String, Literal> expressions = new ConcurrentHashMap<>();
  private final Map<String, Optional<List<String>>> unaryTests = new ConcurrentHashMap<>();

  public LiteralFeel(FeelEngine interpreter) {
    this.interpreter = interpreter;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    Literal literal = expressions.computeIfAbsent(expression, LiteralFeel::literal);
    if (literal.name() != null) {
      TypedValue value = variables.containsVariable(literal.name()) ? variables.resolve(literal.name()) : null;
      if (value != null && (value.getValue() instanceof String || value.getValue() instanceof Boolean)) {
        return (T) value.getValue();
      }
      return interpreter.evaluateSimpleExpression(expression, variables);
    }
    if (literal != INTERPRETED) {
      return (T) literal.value();
    }
    return interpreter.evaluateSimpleExpression(expression, variables);
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    Optional<List<String>> texts = unaryTests.computeIfAbsent(expression, LiteralFeel::texts);
    if (texts.isPresent()) {
      TypedValue input = variables.resolve(inputVariable);
      if (input != null && input.getValue() instanceof String value) {
        return texts.get().contains(value);
      }
    }
    return interpreter.evaluateSimpleUnaryTests(expression, inputVariable, variables);
  }

  private static Literal literal(String expression) {
    String text = expression.strip();
    if (TEXT.matcher(text).matches()) {
      return new Literal(text.substring(1, text.length() - 1), null);
    }
    if (INTEGER.matcher(text).matches()) {
      return new Literal(Long.valueOf(text), null);
    }
    if (text.equals("true") || text.equals("false")) {
      return new Literal(Boolean.valueOf(text), null);
    }
    if (NAME.matcher(text).matches() && !KEYWORDS.contains(text)) {
      return new Literal(null, text);
    }
    return INTERPRETED;
  }

  /** The texts of a unary test that lists string literals ({@code "A"} or {@code "A","B"}), if it is one. */
  private static Optional<List<String>> texts(String expression) {
    List<String> texts = new ArrayList<>();
    for (String part : expression.split(",", -1)) {
      String text = part.strip();
      if (!TEXT.matcher(text).matches()) {
        return Optional.empty();
      }
      texts.add(text.substring(1, text.length() - 1));
    }
    return Optional.of(List.copyOf(texts));
  }
}
