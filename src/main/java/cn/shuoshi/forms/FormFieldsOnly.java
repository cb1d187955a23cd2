package cn.shuoshi.forms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.StartFormHandler;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A form submission sets the fields of its form and nothing else. The Tasklist and the engine REST
 * API accept any variables with a task's {@code submit-form} (and with the registration form): a cadre
 * could otherwise slip in {@code dissatisfiedCount}, {@code extensionUsed} or {@code handlingLevel}
 * beside the form and steer the item past its rules. Every user task and start event gets its form
 * handler wrapped at parse time; the wrapper refuses, before anything is set, every submitted name
 * that is not an input field of the element's Camunda Form ({@code camunda:formRef}). An element
 * without a form accepts no values at all. The registration form may not choose the item's number
 * (business key) either: the ledger gives it.
 *
 * <p>The task forms' wrappers also hand each form, when it is shown, what it reads from the organisation
 * ({@link FormOptions}: cadres by name, departments), instead of copying lists into the process.
 */
public class FormFieldsOnly extends AbstractBpmnParseListener {

  private final FormSchemaRegistry forms;
  private final FormOptions options;

  public FormFieldsOnly(FormSchemaRegistry forms, FormOptions options) {
    this.forms = forms;
    this.options = options;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
      var definition = userTask.getTaskDefinition();
      definition.setTaskFormHandler(new TaskForm(definition.getTaskFormHandler(), formRef(userTaskElement)));
    }
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    StartFormHandler original = processDefinition.getStartFormHandler();
    if (original != null) {
      String formId = processElement.elements("startEvent").stream().map(FormFieldsOnly::formRef)
          .filter(id -> id != null).findFirst().orElse(null);
      processDefinition.setStartFormHandler(new StartForm(original, formId));
    }
  }

  private static String formRef(Element element) {
    return element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
  }

  private Set<String> dataKeys(String formId) {
    return forms.find(formId).map(FormSchema::dataKeys).orElse(Set.of());
  }

  /**
   * Hands the form what it shows from the organisation: as the form's fields, which is how the engine
   * gives a form its data ({@code form-variables}) without anything being stored in the process.
   */
  private static void show(List<FormField> fields, Map<String, TypedValue> data) {
    data.forEach((key, value) -> {
      FormFieldImpl field = new FormFieldImpl();
      field.setId(key);
      field.setValue(value);
      fields.add(field);
    });
  }

  /** Refuses every submitted name that is not an input field of form {@code formId}. */
  void check(String formId, VariableMap submitted) {
    Set<String> fields = forms.find(formId)
        .map(form -> form.fields().stream().map(FieldRule::key).collect(Collectors.toSet()))
        .orElse(Set.of());
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : submitted.keySet()) {
      if (!fields.contains(name)) {
        errors.put(name, "“" + name + "”不是本表单的字段，不能随表单提交");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidSubmissionException(errors);
    }
  }

  private final class TaskForm implements TaskFormHandler {

    private final TaskFormHandler original;
    private final String formId;

    TaskForm(TaskFormHandler original, String formId) {
      this.original = original;
      this.formId = formId;
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      TaskFormData data = original.createTaskForm(task);
      show(data.getFormFields(), options.forTask(dataKeys(formId), task));
      return data;
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      original.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      check(formId, properties);
      original.submitFormVariables(properties, variableScope);
    }
  }

  private final class StartForm implements StartFormHandler {

    private final StartFormHandler original;
    private final String formId;

    StartForm(StartFormHandler original, String formId) {
      this.original = original;
      this.formId = formId;
    }

    @Override
    public StartFormData createStartFormData(ProcessDefinitionEntity processDefinition) {
      return original.createStartFormData(processDefinition);
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      original.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      if (variableScope instanceof DelegateExecution instance && instance.getProcessBusinessKey() != null) {
        throw InvalidSubmissionException.of("businessKey", "事项编号由系统在登记时生成，不能自行指定");
      }
      check(formId, properties);
      original.submitFormVariables(properties, variableScope);
    }
  }
}
