package cn.shuoshi.reports.cockpit;

import cn.shuoshi.forms.FieldRule;
import cn.shuoshi.forms.FormSchemaRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.springframework.stereotype.Component;

/**
 * The words a cadre read for each process variable in the forms that set it: the field's label
 * (督办方式 for {@code supervisionMeasure}) and, for a choice, each option's label (电话催办 for
 * {@code URGE}). Read from the forms as deployed ({@link FormSchemaRegistry}, the latest version of each
 * of the service's forms), so a designer's relabelled form is what Cockpit shows. Where two forms label
 * the same variable, the first form by id wins. Display only: Cockpit's variables table shows these
 * next to the names and values it keeps.
 */
@Component
public class VariableLabels {

  /** A variable's label and its options' labels (empty for a field without fixed options). */
  public record Label(String label, Map<String, String> options) {}

  private final FormSchemaRegistry forms;
  private final ProcessEngineConfigurationImpl engine;

  public VariableLabels(FormSchemaRegistry forms, ProcessEngine engine) {
    this.forms = forms;
    this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /** Every form field's variable name with its labels, by name. */
  public Map<String, Label> all() {
    // Inside an engine command the registry reads the latest deployed version of each form.
    Command<Map<String, Label>> read = context -> {
      Map<String, Label> labels = new TreeMap<>();
      for (String formId : forms.formIds()) {
        forms.find(formId).ifPresent(schema -> schema.fields().forEach(field -> labels.merge(field.key(),
            label(field), (first, later) -> new Label(first.label(), merged(first.options(), later.options())))));
      }
      return labels;
    };
    return engine.getCommandExecutorTxRequired().execute(read);
  }

  private static Label label(FieldRule field) {
    String label = field.label() == null || field.label().isBlank() ? field.key() : field.label();
    return new Label(label, field.optionLabels());
  }

  private static Map<String, String> merged(Map<String, String> first, Map<String, String> later) {
    Map<String, String> options = new LinkedHashMap<>(first);
    later.forEach(options::putIfAbsent);
    return options;
  }
}
