package cn.shuoshi.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The rules of every Camunda Form in {@code forms/}, so the server checks a submission against the
 * same definition the Tasklist renders: a designer who tightens a field in the form tightens both.
 */
@Component
public class FormSchemaRegistry {

  private static final Set<String> INPUT_TYPES = Set.of(
      "textfield", "textarea", "number", "datetime", "select", "radio", "checkbox", "checklist", "taglist");

  private final Map<String, FormSchema> schemas = new HashMap<>();

  public FormSchemaRegistry() {
    ObjectMapper mapper = new ObjectMapper();
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = mapper.readTree(in);
          List<FieldRule> fields = new ArrayList<>();
          collect(form.path("components"), fields);
          Set<String> dataKeys = new TreeSet<>();
          dataKeys(form.path("components"), dataKeys);
          String id = form.path("id").asText();
          schemas.put(id, new FormSchema(id, List.copyOf(fields), Set.copyOf(dataKeys)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Camunda Forms in forms/", e);
    }
  }

  public Optional<FormSchema> find(String formId) {
    return Optional.ofNullable(formId).map(schemas::get);
  }

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([^}]*)}}");
  private static final Pattern NAME = Pattern.compile("\\b([a-z][A-Za-z0-9]*)\\b");

  /** The option lists and template variables a form reads besides its input fields. */
  private static void dataKeys(JsonNode components, Set<String> into) {
    for (JsonNode component : components) {
      if (component.hasNonNull("valuesKey")) {
        into.add(component.path("valuesKey").asText());
      }
      Matcher template = TEMPLATE.matcher(component.path("text").asText(""));
      while (template.find()) {
        Matcher name = NAME.matcher(template.group(1).replaceAll("\"[^\"]*\"", ""));
        while (name.find()) {
          into.add(name.group(1));
        }
      }
      if (component.has("components")) {
        dataKeys(component.path("components"), into);
      }
    }
  }

  /** Date fields carry their label as {@code dateLabel} in form-js 1.8. */
  private static String label(JsonNode component) {
    for (String property : new String[] {"label", "dateLabel"}) {
      if (!component.path(property).asText("").isBlank()) {
        return component.path(property).asText();
      }
    }
    return component.path("key").asText();
  }

  private static void collect(JsonNode components, List<FieldRule> into) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (component.has("components")) {
        collect(component.path("components"), into);
      }
      if (!INPUT_TYPES.contains(type) || !component.hasNonNull("key")
          || component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)) {
        continue;
      }
      JsonNode validate = component.path("validate");
      List<String> values = new ArrayList<>();
      component.path("values").forEach(v -> values.add(v.path("value").asText()));
      String pattern = validate.path("pattern").asText("");
      into.add(new FieldRule(
          component.path("key").asText(),
          label(component),
          type,
          validate.path("required").asBoolean(false),
          validate.hasNonNull("minLength") ? validate.path("minLength").asInt() : null,
          validate.hasNonNull("maxLength") ? validate.path("maxLength").asInt() : null,
          pattern.isEmpty() ? null : Pattern.compile(pattern),
          List.copyOf(values),
          component.has("conditional"),
          validate.hasNonNull("min") && validate.path("min").isNumber() ? validate.path("min").asLong() : null,
          validate.hasNonNull("max") && validate.path("max").isNumber() ? validate.path("max").asLong() : null));
    }
  }
}
