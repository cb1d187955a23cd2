package cn.shuoshi.model;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.variable.serializer.AbstractTypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The result a business-rule task hands to its output mappings ({@code decisionResult}, a transient
 * variable the engine sets) is kept as the object it is. The engine writes every variable's value out
 * through a serializer even when it will never store it, and for this object that was JSON, built and
 * thrown away at every decision of every item. Only a transient decision result comes here; a
 * decision result a model stores in a variable is serialized as before.
 */
final class DecisionResultInMemory extends AbstractTypedValueSerializer<ObjectValue> {

  static final String NAME = "shuoshi-decision-result-in-memory";

  DecisionResultInMemory() {
    super(ValueType.OBJECT);
  }

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * The engine's default serialization format: where several serializers could take an object, the
   * engine takes the first whose format is the default, and this one comes first.
   */
  @Override
  public String getSerializationDataformat() {
    return Context.getProcessEngineConfiguration().getDefaultSerializationFormat();
  }

  @Override
  protected boolean canWriteValue(TypedValue value) {
    return value != null && value.isTransient() && value.getValue() instanceof DmnDecisionResult;
  }

  @Override
  public ObjectValue convertToTypedValue(UntypedValueImpl untyped) {
    return Variables.objectValue(untyped.getValue(), true).create();
  }

  @Override
  public void writeValue(ObjectValue value, ValueFields fields) {
    // Never stored: the value lives in the variable's cache for the rest of the command.
  }

  @Override
  public ObjectValue readValue(ValueFields fields, boolean deserialize, boolean isTransient) {
    throw new IllegalStateException("a transient decision result is never stored, so never read back");
  }

  @Override
  public boolean isMutableValue(ObjectValue value) {
    return false;
  }
}
