package cn.shuoshi.steps;

import cn.shuoshi.model.StepPropertyNames;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service does at one element of a model, as the element declares it in its
 * {@code camunda:properties} (the Modeler's properties panel, "Extension properties"). Applied by
 * {@link StepsParseListener}, done by {@link Steps}.
 *
 * <p>On a process: {@value #ITEM_PROCESS} {@code true} — its tasks belong to a resident's item (the
 * supervisors of the item's town and county may read them); {@code false} — they do not.
 *
 * <p>On a user task:
 * <ul>
 *   <li>{@value #TASK_TITLE} — an expression appended to the task's name in the Tasklist;</li>
 *   <li>{@value #LEDGER_STATE} — the ledger's state while the task is open ({@code ledger.MatterState});</li>
 *   <li>{@value #CLEAR_FORM} {@code true} — the form opens empty although an earlier round filled it; or the
 *       comma-separated variables to clear;</li>
 *   <li>{@value #NOT_BY} — a variable naming the cadre who may not take or complete the task (verify someone else's
 *       work; record the rating of an item they did not handle);</li>
 *   <li>{@value #ACTOR_INTO} — a variable that receives who completed the task;</li>
 *   <li>{@value #RECORD} — what completing it writes besides the history line (a {@link StepRecord}'s name);
 *       {@code record.<decision>} for one decision only;</li>
 *   <li>{@value #LEDGER_DECISION} — the variable holding what the step decided (history's decision column);</li>
 *   <li>{@value #LEDGER_NOTE} — variables joined into the history line's note, comma-separated (may be
 *       empty); {@code ledgerNote.<decision>} replaces it for that decision. A task of an item without it
 *       writes no history line.</li>
 *   <li>{@value #SUBMIT_LABEL} — the word on the Tasklist's button that completes the task (签收, 核实通过);
 *       {@code submitLabel.<decision>} while the form's {@value #LEDGER_DECISION} field holds that decision.
 *       Words only: the Tasklist shows them ({@code reports.ItemStory#submitWords}), nothing is done.</li>
 *   <li>{@value #NOTIFY_UNIT} {@code true} — the task is new work on the desk of the units of its candidate
 *       groups: their group robots (WeCom, DingTalk; {@code notify.UnitNotices}) get "新事项待办" with the item's
 *       number, title, village and deadline, once per unit and handling, written with the step (the outbox).
 *       Never for a petition or a complaint about a cadre; a confidential item's title is withheld. Left off
 *       where a task is no new work for a group (a cadre's own follow-up, supervisors' orders).</li>
 *   <li>{@value #NOTIFY_SUPERVISORS} — a message template ({@code notification_template.id}): when the task is
 *       created, the town's supervisors are told (站内信 leading to the task, e-mail, the town's group robots;
 *       {@code notify.StaffNotices});</li>
 *   <li>{@value #NOTIFY_HANDLER} — a template: when the task is created, the handler of the unit's open task
 *       is told (站内信 leading to their task, e-mail, the unit's group robots);</li>
 *   <li>{@value #NOTIFY_HANDLER_ON_COMPLETE} — a template: the same, when the task is completed (the handler
 *       learns of the supervision order).</li>
 *   <li>{@value #NOTIFY_RESIDENT} — a template id ({@code RESIDENT_RESULT}, {@code RESIDENT_RATING}): when the
 *       task is created, the item's resident gets that text message ({@code resident.ResidentTexts}: only one
 *       who gave a mobile number and did not refuse texts; held over the quiet hours), once per task.</li>
 * </ul>
 *
 * <p>On a service task: {@value #NOTIFY_HANDLER}, {@value #NOTIFY_SUPERVISORS} — told when it has run (its
 * delegate's writes and the messages are one transaction).
 *
 * <p>On a start event: {@value #REGISTRATION} {@code true} — the registration form was checked here
 * (only such an instance can enter the ledger). On an end event: {@value #CLOSES_ITEM} {@code true} —
 * the item is closed on the ledger with its outcome.
 */
public record StepProperties(Map<String, String> values) {

  public static final String ITEM_PROCESS = "itemProcess";
  public static final String TASK_TITLE = "taskTitle";
  public static final String LEDGER_STATE = "ledgerState";
  public static final String CLEAR_FORM = "clearFormOnEntry";
  public static final String NOT_BY = "notBy";
  public static final String ACTOR_INTO = "actorInto";
  public static final String RECORD = "record";
  public static final String LEDGER_DECISION = "ledgerDecision";
  public static final String LEDGER_NOTE = "ledgerNote";
  public static final String REGISTRATION = "registration";
  public static final String CLOSES_ITEM = "closesItem";
  public static final String SUBMIT_LABEL = "submitLabel";
  public static final String NOTIFY_UNIT = "notifyUnit";
  public static final String NOTIFY_HANDLER = "notifyHandler";
  public static final String NOTIFY_SUPERVISORS = "notifySupervisors";
  public static final String NOTIFY_HANDLER_ON_COMPLETE = "notifyHandlerOnComplete";
  public static final String NOTIFY_RESIDENT = "notifyResident";


  public static final StepProperties NONE = new StepProperties(Map.of());

  public StepProperties {
    values = Map.copyOf(values);
  }

  static StepProperties of(Map<String, String> values) {
    return values.isEmpty() ? NONE : new StepProperties(new LinkedHashMap<>(values));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  public boolean flag(String name) {
    return get(name).map(Boolean::parseBoolean).orElse(false);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** {@code name.<decision>} when the element declares it for this decision, else {@code name}. */
  public Optional<String> get(String name, String decision) {
    if (decision != null && values.containsKey(name + "." + decision)) {
      return get(name + "." + decision);
    }
    return get(name);
  }

  /** The variables of the history line's note for {@code decision}. */
  public List<String> noteVariables(String decision) {
    String list = get(LEDGER_NOTE, decision).orElse("");
    return Arrays.stream(list.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  /** A property name this service does not know: a designer's typo must not silently do nothing. */
  public Optional<String> unknownName() {
    return values.keySet().stream()
        .filter(name -> !StepPropertyNames.known(name))
        .findFirst();
  }
}
