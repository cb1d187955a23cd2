package cn.shuoshi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@link LiteralFeel} answers exactly what the engine's FEEL interpreter answers — the same value of
 * the same type, or the same refusal — on every cell of the shipped decision tables and on the shapes
 * it hands over; and it answers the shipped tables' cells itself (the reason it exists).
 */
class LiteralFeelTest {

  static final FeelEngine interpreter = new ScalaFeelEngineFactory().createInstance();
  static final AtomicInteger handedOver = new AtomicInteger();
  static final LiteralFeel literal = new LiteralFeel(new FeelEngine() {
    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
      handedOver.incrementAndGet();
      return interpreter.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String input, VariableContext variables) {
      handedOver.incrementAndGet();
      return interpreter.evaluateSimpleUnaryTests(expression, input, variables);
    }
  });

  static final Set<String> inputEntries = new LinkedHashSet<>();
  static final Set<String> expressions = new LinkedHashSet<>();

  @BeforeAll
  static void cellsOfTheShippedTables() throws IOException {
    for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.dmn")) {
      try (InputStream in = file.getInputStream()) {
        var model = Dmn.readModelFromStream(in);
        model.getModelElementsByType(InputEntry.class).forEach(e -> add(inputEntries, e.getText()));
        model.getModelElementsByType(InputExpression.class).forEach(e -> add(expressions, e.getText()));
        model.getModelElementsByType(OutputEntry.class).forEach(e -> add(expressions, e.getText()));
      }
    }
    assertThat(inputEntries).as("input entries of the shipped tables").hasSizeGreaterThan(5);
    assertThat(expressions).as("input expressions and outputs of the shipped tables").hasSizeGreaterThan(10);
  }

  static void add(Set<String> cells, Text text) {
    if (text != null && text.getTextContent() != null && !text.getTextContent().isBlank()
        && !text.getTextContent().strip().equals("-")) {
      cells.add(text.getTextContent());
    }
  }

  /** Every text a table compares with, a text no table names, and the values a name may hold. */
  static List<Object> inputs() {
    List<Object> values = new ArrayList<>();
    for (String cell : inputEntries) {
      for (String part : cell.split(",")) {
        values.add(part.strip().replace("\"", ""));
      }
    }
    values.add("NOWHERE");
    values.add("");
    return values;
  }

  @Test
  void everyInputEntryOfTheShippedTablesMatchesTheSameValuesAndIsAnsweredWithoutTheInterpreter() {
    handedOver.set(0);
    for (String cell : inputEntries) {
      for (Object value : inputs()) {
        VariableContext input = Variables.createVariables().putValue("cellInput", value).asVariableContext();
        assertThat(literal.evaluateSimpleUnaryTests(cell, "cellInput", input)).as("%s against %s", cell, value)
            .isEqualTo(interpreter.evaluateSimpleUnaryTests(cell, "cellInput", input));
      }
    }
    assertThat(handedOver).as("cells handed to the interpreter").hasValue(0);
  }

  @Test
  void everyInputExpressionAndOutputOfTheShippedTablesGivesTheSameValueOfTheSameType() {
    handedOver.set(0);
    Map<String, Object> facts = new HashMap<>();
    for (String cell : expressions) {
      facts.put(cell.strip(), "VILLAGE");
    }
    VariableContext variables = Variables.fromMap(facts).asVariableContext();
    for (String cell : expressions) {
      Object mine = literal.evaluateSimpleExpression(cell, variables);
      Object theirs = interpreter.evaluateSimpleExpression(cell, variables);
      assertThat(mine).as(cell).isEqualTo(theirs);
      assertThat(mine).as(cell).hasSameClassAs(theirs);
    }
    assertThat(handedOver).as("cells handed to the interpreter").hasValue(0);
  }

  @Test
  void literalsAndNamesOfEveryKindGiveWhatTheInterpreterGives() {
    VariableContext variables = Variables.createVariables().putValue("level", "TOWN").putValue("urgent", true)
        .putValue("days", 5).putValue("nothing", null).asVariableContext();
    for (String cell : List.of("\"TOWN\"", " \"镇级\" ", "\"\"", "0", "15", "-3", "true", "false", "level",
        "urgent", "days", "nothing", "\"a\\\"b\"", "1.5", "level + \"X\"", "null", "date(\"2026-11-29\")")) {
      Object mine = literal.evaluateSimpleExpression(cell, variables);
      Object theirs = interpreter.evaluateSimpleExpression(cell, variables);
      assertThat(mine).as(cell).isEqualTo(theirs);
      if (theirs != null) {
        assertThat(mine).as(cell).hasSameClassAs(theirs);
      }
    }
  }

  @Test
  void unaryTestsItDoesNotReadAreTheInterpretersAnswer() {
    for (Object value : new Object[] {"TOWN", "VILLAGE", 5, null, true}) {
      VariableContext input = Variables.createVariables().putValue("cellInput", value).asVariableContext();
      for (String cell : List.of("\"TOWN\"", "\"TOWN\",\"VILLAGE\"", " \"VILLAGE\" , \"COUNTY\" ", "not(\"TOWN\")",
          "5", "> 3", "[1..10]", "\"a\\\"b\"", "\"TOWN\", 5")) {
        boolean theirs;
        try {
          theirs = interpreter.evaluateSimpleUnaryTests(cell, "cellInput", input);
        } catch (FeelException refused) {
          assertThatThrownBy(() -> literal.evaluateSimpleUnaryTests(cell, "cellInput", input))
              .as("%s against %s", cell, value).isInstanceOf(FeelException.class);
          continue;
        }
        assertThat(literal.evaluateSimpleUnaryTests(cell, "cellInput", input)).as("%s against %s", cell, value)
            .isEqualTo(theirs);
      }
    }
  }

  @Test
  void aNameThatIsNotThereIsTheInterpretersBusiness() {
    VariableContext none = Variables.createVariables().asVariableContext();
    Object theirs;
    try {
      theirs = interpreter.evaluateSimpleExpression("missing", none);
    } catch (FeelException refused) {
      assertThatThrownBy(() -> literal.evaluateSimpleExpression("missing", none)).isInstanceOf(FeelException.class);
      return;
    }
    assertThat((Object) literal.evaluateSimpleExpression("missing", none)).isEqualTo(theirs);
  }
}
