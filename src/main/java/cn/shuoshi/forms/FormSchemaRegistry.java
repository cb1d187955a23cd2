package cn.shuoshi.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The rules of every Camunda Form, so the server checks a submission against the same definition the
 * Tasklist renders: a designer who tightens a field in the form tightens both. Inside the engine (a
 * form shown or submitted) the latest deployed version of the form counts — what the models'
 * {@code camunda:formRefBinding="latest"} shows, including a form a designer deployed with a changed
 * model (docs/OPERATIONS.md, "Changing a model"); the service's own {@code forms/} otherwise.
 */
@Component
public class FormSchemaRegistry {

  private static final Set<String> INPUT_TYPES = Set.of(
      "textfield", "textarea", "number", "datetime", "select", "radio", "checkbox", "checklist", "taglist");

  private static final Logger LOG = LoggerFactory.getLogger(FormSchemaRegistry.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, FormSchema> schemas = new HashMap<>();
  /** Deployed forms by form definition id (a deployed version never changes). */
  private final Map<String, FormSchema> deployed = new ConcurrentHashMap<>();
  /**
   * The latest deployed version's id per form key, kept {@value #LATEST_SECONDS} seconds: a step asks
   * for its form several times (fields only, validation, clearing, the form shown). A deployment on this
   * node forgets them as it commits ({@link #afterDeployment()}); other nodes of a cluster within those seconds.
   */
  private static final long LATEST_SECONDS = 30;
  private record Latest(String definitionId, long readAt) { }
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  public FormSchemaRegistry() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          FormSchema schema = parse(MAPPER.readTree(in));
          schemas.put(schema.id(), schema);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Camunda Forms in forms/", e);
    }
  }

  private static FormSchema parse(JsonNode form) {
    List<FieldRule> fields = new ArrayList<>();
    collect(form.path("components"), fields);
    Set<String> dataKeys = new TreeSet<>();
    dataKeys(form.path("components"), dataKeys);
    return new FormSchema(form.path("id").asText(), List.copyOf(fields), Set.copyOf(dataKeys));
  }

  /** The keys of the service's own forms ({@code forms/}); {@link #find} reads each as deployed. */
  public Set<String> formIds() {
    return Collections.unmodifiableSet(new TreeSet<>(schemas.keySet()));
  }

  public Optional<FormSchema> find(String formId) {
    if (formId == null) {
      return Optional.empty();
    }
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      long now = System.nanoTime();
      Latest known = latest.get(formId);
      if (known != null && now - known.readAt() < TimeUnit.SECONDS.toNanos(LATEST_SECONDS)
          && deployed.get(known.definitionId()) != null) {
        return Optional.of(deployed.get(known.definitionId()));
      }
      CamundaFormDefinitionEntity definition = command.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId);
      if (definition != null) {
        FormSchema schema = deployed.computeIfAbsent(definition.getId(), id -> read(command, definition));
        if (schema != null) {
          latest.put(formId, new Latest(definition.getId(), now));
          return Optional.of(schema);
        }
      }
    }
    return Optional.ofNullable(schemas.get(formId));
  }

  private static FormSchema read(CommandContext command, CamundaFormDefinitionEntity definition) {
    ResourceEntity resource = command.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    if (resource == null || resource.getBytes() == null) {
      return null;
    }
    try {
      return parse(MAPPER.readTree(resource.getBytes()));
    } catch (IOException e) {
      LOG.warn("deployed form {} (deployment {}) is not readable JSON: the service's own form is used",
          definition.getKey(), definition.getDeploymentId());
      return null;
    }
  }

  // Up to the closing braces, not the first brace: a template may hold a FEEL context ({"A":"甲"}).
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.+?)}}", Pattern.DOTALL);
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
      Map<String, String> labels = new LinkedHashMap<>();
      component.path("values").forEach(v -> labels.put(v.path("value").asText(),
          v.path("label").asText(v.path("value").asText())));
      String pattern = validate.path("pattern").asText("");
      into.add(new FieldRule(
          component.path("key").asText(),
          component.path("id").asText(null),
          label(component),
          type,
          // Only a literal true: form-js 1.8 does not evaluate FEEL here (a "=…" string would make the
          // browser require the field always, so no shipped form has one).
          validate.path("required").isBoolean() && validate.path("required").asBoolean(),
          number(validate.path("minLength")),
          number(validate.path("maxLength")),
          pattern.isEmpty() ? null : Pattern.compile(pattern),
          component.has("conditional"),
          validate.path("min").isNumber() ? validate.path("min").asLong() : null,
          validate.path("max").isNumber() ? validate.path("max").asLong() : null,
          Collections.unmodifiableMap(labels)));
    }
  }

  /**
   * A length limit written as a number. form-js evaluates FEEL in {@code minLength}, {@code maxLength},
   * {@code min} and {@code max} ({@code "=maxExtensionDays"}): such a limit depends on the process's
   * data, which this generic check does not have, so it is skipped here (read as a number, "=…" would
   * have been 0: every text too long). Where such a limit is a rule, {@link SubmissionRules} states it
   * with the process's data and stays the authority.
   */
  private static Integer number(JsonNode value) {
    return value.isNumber() ? value.asInt() : null;
  }

  /** Forgets which form versions are the latest when a deployment on this node commits. */
  public Deployer afterDeployment() {
    return deployment -> Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, context -> latest.clear());
  }
}
