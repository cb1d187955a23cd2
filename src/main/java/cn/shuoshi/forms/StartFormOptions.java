package cn.shuoshi.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The registration form as a cadre is shown it: the Tasklist gives a start form no variables, so the
 * lists it offers from the organisation ({@link FormOptions#forStart}) are written into the form's
 * schema as it is handed out ({@code deployed-start-form}, every door): a select's {@code valuesKey}
 * becomes its values, and a field's value its default (the cadre's own village). The deployed form stays
 * as the designer made it.
 */
public class StartFormOptions extends CommandInterceptor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngineConfigurationImpl engine;
  private final FormSchemaRegistry forms;
  private final FormOptions options;

  public StartFormOptions(ProcessEngineConfigurationImpl engine, FormSchemaRegistry forms, FormOptions options) {
    this.engine = engine;
    this.forms = forms;
    this.options = options;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T execute(Command<T> command) {
    T result = next.execute(command);
    if (command instanceof GetDeployedStartFormCmd && result instanceof InputStream form) {
      return (T) shown(form);
    }
    return result;
  }

  private InputStream shown(InputStream deployed) {
    try (deployed) {
      JsonNode form = JSON.readTree(deployed);
      Authentication caller = engine.getIdentityService().getCurrentAuthentication();
      FormSchema schema = forms.find(form.path("id").asText(null)).orElse(null);
      if (caller != null && schema != null && form.isObject()) {
        Map<String, Object> data = options.forStart(schema.dataKeys(), caller.getUserId(), caller.getGroupIds());
        fill(form.path("components"), data);
      }
      return new ByteArrayInputStream(JSON.writeValueAsBytes(form));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the deployed start form", e);
    }
  }

  private static void fill(JsonNode components, Map<String, Object> data) {
    for (JsonNode component : components) {
      if (component instanceof ObjectNode field) {
        String valuesKey = field.path("valuesKey").asText(null);
        if (valuesKey != null && data.containsKey(valuesKey)) {
          field.remove("valuesKey");
          field.set("values", JSON.valueToTree(data.get(valuesKey)));
        }
        String key = field.path("key").asText(null);
        if (key != null && data.get(key) instanceof String value) {
          field.put("defaultValue", value);
        }
        fill(field.path("components"), data);
      }
    }
  }
}
