package cn.shuoshi.model;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine picks {@link DecisionResultInMemory} for the transient decision result a business-rule
 * task hands to its output mappings, and its usual serializer for a decision result a model stores.
 */
@ShuoshiTest
class DecisionResultInMemoryTest {

  @Autowired ProcessEngineConfigurationImpl engine;

  String serializerFor(Object value, boolean isTransient) {
    return engine.getCommandExecutorTxRequired().execute((Command<String>) context ->
        engine.getVariableSerializers().findSerializerForValue(Variables.untypedValue(value, isTransient),
            engine.getFallbackSerializerFactory()).getName());
  }

  static DmnDecisionResultImpl aRow() {
    DmnDecisionResultEntriesImpl row = new DmnDecisionResultEntriesImpl();
    row.putValue("deskRole", Variables.stringValue("COMMITTEE"));
    return new DmnDecisionResultImpl(List.of(row));
  }

  @Test
  void theTransientDecisionResultStaysInMemoryAndAStoredOneIsSerializedAsBefore() {
    assertThat(serializerFor(aRow(), true)).isEqualTo(DecisionResultInMemory.NAME);
    assertThat(serializerFor(aRow(), false)).isNotEqualTo(DecisionResultInMemory.NAME);
    assertThat(serializerFor(Map.of("a", "b"), true)).isNotEqualTo(DecisionResultInMemory.NAME);
  }
}
