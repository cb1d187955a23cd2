package cn.shuoshi.forms;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.OrgChoices;
import cn.shuoshi.directory.SystemGroups;
import cn.shuoshi.ledger.LedgerRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * What a form shows that comes from the organisation, computed when the form is shown — never copied
 * into the process, so a merged village, a moved cadre or a new department is on the next form at
 * once. A form asks for it by name ({@code valuesKey} of a select or checklist, or a {@code {{…}}} in a
 * text); the names known here:
 *
 * <ul>
 *   <li>{@code villageOptions} (registration): the villages the logged-in cadre may register for, and
 *       {@code villageCode} preselected with their own village;
 *   <li>{@code cadreOptions} (classification): the cadres of the village and its town by name and post —
 *       of the town only when the item's desk is the town's (a petition, a complaint about a cadre);
 *   <li>{@code departmentOptions} (county transfer, return ruling): the county's departments;
 *   <li>{@code handledByName}, {@code responsibleName}: the names of the cadres behind those account ids;
 *   <li>{@code deadlineText}, {@code signForDueText}: the dates {@code deadline} and {@code signForDue}
 *       as a cadre reads them (kept as dates in the process, for its timers);
 *   <li>{@code linkedReporterCount} (feedback), when the item does not hold it: how many merged duplicates'
 *       residents wait for the answer, from the ledger — items merged under release 4f307b7 or earlier
 *       kept their names in a variable instead (removed by migration V6), not the count.
 * </ul>
 */
@Component
public class FormOptions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrgChoices choices;
  private final Org org;
  private final LedgerRepository ledger;

  public FormOptions(OrgChoices choices, Org org, LedgerRepository ledger) {
    this.choices = choices;
    this.org = org;
    this.ledger = ledger;
  }

  /**
   * For the registration form, before there is a process: the logged-in user's choices. The Tasklist
   * gives a start form no variables, so these go into the form's schema as it is handed out
   * ({@link StartFormOptions}): option lists as the select's values, a single value as its default.
   */
  public Map<String, Object> forStart(Set<String> wanted, String userId, List<String> groups) {
    boolean everyVillage = groups != null
        && (groups.contains(SystemGroups.ADMINS) || groups.contains(SystemGroups.INTAKE));
    Map<String, Object> data = new LinkedHashMap<>();
    if (wanted.contains("villageOptions") && userId != null) {
      data.put("villageOptions", options(choices.villagesFor(userId, everyVillage)));
      String own = choices.ownVillage(userId);
      if (own != null) {
        data.put("villageCode", own);
      }
    }
    return data;
  }

  /** For a task's form: read from the item's own variables what the organisation must answer. */
  public Map<String, TypedValue> forTask(Set<String> wanted, VariableScope task) {
    Map<String, TypedValue> data = new LinkedHashMap<>();
    date(wanted, task, "deadlineText", "deadline", data);
    date(wanted, task, "signForDueText", "signForDue", data);
    String village = task.getVariable("villageCode") instanceof String v ? v : null;
    if (village == null) {
      return data;
    }
    if (wanted.contains("cadreOptions")) {
      String desk = task.getVariable("deskRole") instanceof String d ? d : null;
      data.put("cadreOptions", json(choices.cadresFor(village, desk != null && !org.atVillage(desk))));
    }
    if (wanted.contains("departmentOptions")) {
      data.put("departmentOptions", json(choices.departmentsFor(village)));
    }
    if (wanted.contains("linkedReporterCount") && !(task.getVariable("linkedReporterCount") instanceof Number)
        && task.getVariable("matterNumber") instanceof String number) {
      data.put("linkedReporterCount", Variables.integerValue(ledger.linkedReporterCount(number)));
    }
    name(wanted, task, "handledByName", "handledBy", data);
    name(wanted, task, "responsibleName", "responsibleCadre", data);
    return data;
  }

  /** A date the process holds, as a cadre reads it (2026年12月7日 23:59), written when the form is shown. */
  private static void date(Set<String> wanted, VariableScope task, String key, String dateVariable,
      Map<String, TypedValue> data) {
    if (wanted.contains(key) && task.getVariable(dateVariable) instanceof Date date) {
      data.put(key, Variables.stringValue(EngineClock.display(date)));
    }
  }

  private void name(Set<String> wanted, VariableScope task, String key, String userVariable,
      Map<String, TypedValue> data) {
    if (wanted.contains(key) && task.getVariable(userVariable) instanceof String user) {
      data.put(key, Variables.stringValue(org.cadreName(user).orElse(user)));
    }
  }

  /** Options as form-js reads them: {label, value} each. */
  static List<Map<String, String>> options(List<OrgChoices.Choice> choices) {
    return choices.stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList();
  }

  /**
   * An option list as a task form's variable: serialized JSON, which the Tasklist parses for form-js (it
   * asks for values as stored; a value not yet serialized would reach it as an object it cannot parse).
   */
  private static TypedValue json(List<OrgChoices.Choice> choices) {
    try {
      return Variables.serializedObjectValue(JSON.writeValueAsString(options(choices)))
          .serializationDataFormat(Variables.SerializationDataFormats.JSON)
          .objectTypeName("java.util.ArrayList").create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the options", e);
    }
  }
}
