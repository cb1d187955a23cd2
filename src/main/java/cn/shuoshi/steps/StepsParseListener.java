package cn.shuoshi.steps;

import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.ModelsBeforeTheDesk;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The one place where the service adds behaviour to the models' elements: it reads each element's
 * {@link StepProperties} and attaches what they declare (task title, ledger state, cleared form,
 * ledger record and history line, the registration check, closing the item, who is told), done by
 * {@link Steps}.
 * Every submitted form of the service's processes is checked against its form here too.
 *
 * <p>The listeners are built-in ones: they run even when an administrator skips custom listeners,
 * because the ledger must follow every step.
 *
 * <p>Versions of the service's processes deployed before the elements declared their properties
 * (no {@value StepProperties#ITEM_PROCESS} on the process) take the properties of the element of the
 * same id in the models shipped with this release, so that their running items keep their ledger.
 */
public class StepsParseListener extends AbstractBpmnParseListener {

  private final ProcessEngineConfigurationImpl config;
  private final Supplier<Steps> steps;
  private final ThreadLocal<Map<ProcessDefinitionImpl, List<Declared>>> parsing =
      ThreadLocal.withInitial(IdentityHashMap::new);
  private volatile Map<String, Map<String, StepProperties>> shipped;

  private record Declared(String elementId, ActivityImpl activity, StepProperties properties, Kind kind, String formId) { }

  private enum Kind { USER_TASK, START_EVENT, END_EVENT, SERVICE_TASK }

  private final Supplier<ModelsBeforeTheDesk> modelsBeforeTheDesk;

  public StepsParseListener(ProcessEngineConfigurationImpl config, Supplier<Steps> steps,
      Supplier<ModelsBeforeTheDesk> modelsBeforeTheDesk) {
    this.config = config;
    this.steps = steps;
    this.modelsBeforeTheDesk = modelsBeforeTheDesk;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    remember(element, scope, activity, Kind.USER_TASK);
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    remember(element, scope, activity, Kind.SERVICE_TASK);
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    remember(element, scope, activity, Kind.START_EVENT);
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    remember(element, scope, activity, Kind.END_EVENT);
  }

  private void remember(Element element, ScopeImpl scope, ActivityImpl activity, Kind kind) {
    parsing.get().computeIfAbsent(scope.getProcessDefinition(), d -> new ArrayList<>())
        .add(new Declared(element.attribute("id"), activity, propertiesOf(element), kind,
            element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef")));
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
    List<Declared> elements = parsing.get().remove(definition);
    if (parsing.get().isEmpty()) {
      parsing.remove();
    }
    if (elements == null) {
      return;
    }
    StepProperties process = propertiesOf(processElement);
    Map<String, StepProperties> fallback = Map.of();
    if (!process.has(StepProperties.ITEM_PROCESS)) {
      fallback = shipped().get(definition.getKey());
      if (fallback == null) {
        return; // not one of the service's processes: a designer's own model
      }
      process = fallback.getOrDefault(definition.getKey(), StepProperties.NONE);
    }
    boolean ofAnItem = process.flag(StepProperties.ITEM_PROCESS);
    boolean beforeTheDesk = ModelsBeforeTheDesk.isBeforeTheDesk(definition.getKey(),
        definition.findActivity(MatterProcess.Elements.DETERMINE_DESK) != null);
    for (Declared declared : elements) {
      StepProperties step = declared.properties().isEmpty()
          ? fallback.getOrDefault(declared.elementId(), StepProperties.NONE) : declared.properties();
      check(definition.getKey(), declared.elementId(), step);
      switch (declared.kind()) {
        case USER_TASK -> {
          attachToTask(declared, step, ofAnItem);
          if (beforeTheDesk && declared.activity().getActivityBehavior() instanceof UserTaskActivityBehavior task) {
            ModelsBeforeTheDesk.keepSensitiveItemsAway(task.getTaskDefinition(), modelsBeforeTheDesk);
          }
        }
        case START_EVENT -> {
          if (ofAnItem && declared.activity().getFlowScope() == definition) {
            // As the instance leaves its start event: after the registration's checks at that event.
            declared.activity().addBuiltInListener(ExecutionListener.EVENTNAME_END,
                (DelegateExecution execution) -> steps.get().itemProcessStarted(execution));
          }
          if (step.flag(StepProperties.REGISTRATION)) {
            String formId = declared.formId();
            declared.activity().addBuiltInListener(ExecutionListener.EVENTNAME_START,
                (DelegateExecution execution) -> steps.get().registrationSubmitted(execution, formId));
          }
        }
        case END_EVENT -> {
          if (step.flag(StepProperties.CLOSES_ITEM)) {
            declared.activity().addBuiltInListener(ExecutionListener.EVENTNAME_START,
                (DelegateExecution execution) -> steps.get().itemClosed(execution));
          }
        }
        case SERVICE_TASK -> {
          if (ofAnItem && (step.has(StepProperties.NOTIFY_HANDLER) || step.has(StepProperties.NOTIFY_SUPERVISORS))) {
            // As it leaves the task: after its delegate, in the same transaction.
            declared.activity().addBuiltInListener(ExecutionListener.EVENTNAME_END,
                (DelegateExecution execution) -> steps.get().serviceTaskDone(execution, step));
          }
        }
      }
    }
  }

  private void attachToTask(Declared declared, StepProperties step, boolean ofAnItem) {
    if (!(declared.activity().getActivityBehavior() instanceof UserTaskActivityBehavior userTask)) {
      return;
    }
    TaskDefinition task = userTask.getTaskDefinition();
    Expression title = step.get(StepProperties.TASK_TITLE)
        .map(text -> (Expression) config.getExpressionManager().createExpression(text)).orElse(null);
    String formId = declared.formId();
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
        (DelegateTask t) -> {
          if (stillThere(t)) {
            steps.get().taskCreated(t, step, title, formId, ofAnItem);
          }
        });
    if (step.has(StepProperties.NOT_BY)) {
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT,
          (DelegateTask t) -> {
            if (stillThere(t)) {
              steps.get().taskAssigned(t, step);
            }
          });
    }
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
        (DelegateTask t) -> {
          if (stillThere(t)) {
            steps.get().taskCompleted(t, step, formId, ofAnItem);
          }
        });
  }

  /**
   * A task completed by two cadres at once: the loser's task has lost its execution. Nothing is
   * written for it; its transaction then fails on the engine's optimistic lock (answered 409).
   */
  private static boolean stillThere(DelegateTask task) {
    return task.getExecution() != null;
  }

  /** A designer's typo must not silently switch a step's ledger off: refused at deployment. */
  private static void check(String process, String element, StepProperties step) {
    step.unknownName().ifPresent(name -> {
      throw new ProcessEngineException("流程“" + process + "”的元素“" + element + "”声明了本服务不认识的扩展属性“"
          + name + "”");
    });
    step.get(StepProperties.LEDGER_STATE).ifPresent(state -> {
      try {
        MatterState.valueOf(state);
      } catch (IllegalArgumentException e) {
        throw new ProcessEngineException("流程“" + process + "”的元素“" + element + "”声明的台账状态“" + state
            + "”不存在");
      }
    });
  }

  static StepProperties propertiesOf(Element element) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return StepProperties.NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      values.put(property.attribute("name"), property.attribute("value", ""));
    }
    return StepProperties.of(values);
  }

  /** The shipped models' properties, by process key, then element id (the process's own under its key). */
  private Map<String, Map<String, StepProperties>> shipped() {
    Map<String, Map<String, StepProperties>> models = shipped;
    if (models == null) {
      models = new HashMap<>();
      try {
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")) {
          try (InputStream in = resource.getInputStream()) {
            readShipped(Bpmn.readModelFromStream(in), models);
          }
        }
      } catch (IOException e) {
        throw new ProcessEngineException("cannot read the shipped models", e);
      }
      shipped = Map.copyOf(models);
    }
    return models;
  }

  private static void readShipped(BpmnModelInstance model, Map<String, Map<String, StepProperties>> into) {
    for (Process process : model.getModelElementsByType(Process.class)) {
      Map<String, StepProperties> byElement = new HashMap<>();
      byElement.put(process.getId(), propertiesOf(process));
      for (BaseElement element : process.getChildElementsByType(BaseElement.class)) {
        collect(element, byElement);
      }
      into.put(process.getId(), byElement);
    }
  }

  private static void collect(BaseElement element, Map<String, StepProperties> into) {
    StepProperties properties = propertiesOf(element);
    if (!properties.isEmpty()) {
      into.put(element.getId(), properties);
    }
    for (BaseElement child : element.getChildElementsByType(BaseElement.class)) {
      collect(child, into);
    }
  }

  private static StepProperties propertiesOf(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return StepProperties.NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        values.put(property.getCamundaName(), property.getCamundaValue() == null ? "" : property.getCamundaValue());
      }
    }
    return StepProperties.of(values);
  }
}
