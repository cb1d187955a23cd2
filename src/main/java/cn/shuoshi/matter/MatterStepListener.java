package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.deadline.EngineClock;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.RefusedAssignmentException;
import cn.shuoshi.forms.SubmissionValidator;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.organisation.OrgDirectory;
import cn.shuoshi.security.Grants;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What happens at every step of an item, in one place: the submission is checked against its form,
 * the task gets a readable name, and the ledger follows the process — in the item's own process and
 * in every process it calls (town, county, unit handling, 四议两公开), all inside the engine's
 * transaction, so a refused submission or a failed ledger write leaves no trace.
 */
@Component
public class MatterStepListener {

  private static final Map<String, MatterState> STATE_OF_TASK = Map.ofEntries(
      Map.entry(CLASSIFY_MATTER, MatterState.CLASSIFYING),
      Map.entry(FourDeliberationsProcess.BRANCH_PROPOSAL, MatterState.DELIBERATING),
      Map.entry(TownHandlingProcess.PARTY_COMMITTEE_DECISION, MatterState.PARTY_COMMITTEE),
      Map.entry(CountyHandlingProcess.RULE_ON_RETURN, MatterState.RETURN_RULING),
      Map.entry(UnitHandlingProcess.SIGN_FOR, MatterState.SIGNING_FOR),
      Map.entry(UnitHandlingProcess.HANDLE_MATTER, MatterState.HANDLING),
      Map.entry(UnitHandlingProcess.APPROVE_EXTENSION, MatterState.EXTENSION_REVIEW),
      Map.entry(UnitHandlingProcess.VERIFY_RESULT, MatterState.VERIFYING),
      Map.entry(PUBLISH_RESULT, MatterState.PUBLISHING_RESULT),
      Map.entry(FEEDBACK_TO_RESIDENT, MatterState.FEEDBACK),
      Map.entry(REVIEW_SATISFACTION, MatterState.REVIEWING),
      Map.entry(SUPERVISOR_REVIEW, MatterState.SUPERVISOR_REVIEW));

  private static final Set<String> CLOSING_ENDS = Set.of(END_RESOLVED, END_COMMITTED, END_EXPLAINED);

  /** Forms used more than once per item: the Tasklist would prefill them with the previous answers. */
  private static final Set<String> REUSED_FORMS =
      Set.of(MatterForms.DELIBERATION, MatterForms.PUBLICATION, MatterForms.SIGN_FOR, MatterForms.VERIFY);

  private final SubmissionValidator validator;
  private final FormSchemaRegistry forms;
  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final OrgDirectory org;
  private final Grants grants;
  private final ModelsBeforeTheDesk modelsBeforeTheDesk;

  public MatterStepListener(SubmissionValidator validator, FormSchemaRegistry forms, LedgerRepository ledger,
      EngineClock clock, OrgDirectory org, Grants grants, ModelsBeforeTheDesk modelsBeforeTheDesk) {
    this.modelsBeforeTheDesk = modelsBeforeTheDesk;
    this.validator = validator;
    this.forms = forms;
    this.ledger = ledger;
    this.clock = clock;
    this.org = org;
    this.grants = grants;
  }

  @EventListener
  public void onTask(DelegateTask task) {
    if (!belongsToAnItem(task.getProcessDefinitionId())) {
      return;
    }
    String event = task.getEventName();
    if (event == null) {
      // A task already deleted by a concurrent completion is published without an event name.
      return;
    }
    switch (event) {
      case TaskListener.EVENTNAME_CREATE -> created(task);
      case TaskListener.EVENTNAME_ASSIGNMENT -> assigned(task);
      case TaskListener.EVENTNAME_COMPLETE -> completed(task);
      default -> { }
    }
  }

  @EventListener
  public void onExecution(DelegateExecution execution) {
    if (!belongsToAnItem(execution.getProcessDefinitionId())
        || !ExecutionListener.EVENTNAME_START.equals(execution.getEventName())) {
      return;
    }
    String activity = execution.getCurrentActivityId();
    if (START_MATTER_RAISED.equals(activity) && execution.getProcessDefinitionId().startsWith(MatterProcess.KEY + ":")) {
      String formId = ((StartEvent) execution.getBpmnModelElementInstance()).getCamundaFormRef();
      validator.validate(formId, execution, currentUser(execution.getProcessEngineServices()
          .getIdentityService().getCurrentAuthentication()));
      // The ledger registers only an instance whose form was checked here (StartFormValues).
      ((ExecutionEntity) execution).getProcessInstance().setVariableLocal(REGISTRATION_CHECKED,
          Variables.booleanValue(true, true));
    } else if (CLOSING_ENDS.contains(activity)) {
      LedgerKey number = LedgerKey.of(execution);
      ledger.close(number, clock.now());
      ledger.appendEvent(number, "CLOSED", null, (String) execution.getVariable(OUTCOME), clock.now());
    }
  }

  private void created(DelegateTask task) {
    modelsBeforeTheDesk.protect(task);
    protect(task);
    task.setName(task.getName() + " · " + task.getVariable(MATTER_NUMBER) + " " + task.getVariable(TITLE)
        + "（" + task.getVariable(VILLAGE_NAME) + "）");
    MatterState state = STATE_OF_TASK.get(task.getTaskDefinitionKey());
    if (state != null) {
      ledger.setState(LedgerKey.of(task), state, clock.now());
    }
    String formId = ((UserTask) task.getBpmnModelElementInstance()).getCamundaFormRef();
    if (REUSED_FORMS.contains(formId)) {
      forms.find(formId).ifPresent(form -> form.fields().forEach(field -> task.removeVariable(field.key())));
    }
    // The response rate compares the classification with this due date (issue #5).
    if (CLASSIFY_MATTER.equals(task.getTaskDefinitionKey())) {
      ledger.recordClassifyDue(LedgerKey.of(task), task.getDueDate(), clock.now());
    }
  }

  /**
   * Who sees the task beyond those who work it: the supervisors of the item's town and county read
   * it and its process instances. (Who works it is the model's business: its candidate groups.)
   */
  private void protect(DelegateTask task) {
    String village = (String) task.getVariable(VILLAGE_CODE);
    if (village == null || org.village(village).isEmpty()) {
      return;
    }
    List<String> instances = new ArrayList<>();
    for (DelegateExecution instance = task.getExecution().getProcessInstance(); instance != null;
        instance = instance.getSuperExecution() == null ? null : instance.getSuperExecution().getProcessInstance()) {
      instances.add(instance.getId());
    }
    grants.supervisorsRead(task.getId(), instances, List.of(org.townSupervisors(village), org.countyCentre(village)));
  }

  private void assigned(DelegateTask task) {
    if (UnitHandlingProcess.VERIFY_RESULT.equals(task.getTaskDefinitionKey()) && task.getAssignee() != null
        && task.getAssignee().equals(task.getVariable(HANDLED_BY))) {
      throw new RefusedAssignmentException("办理结果须由办理人以外的干部核实，不能由办理人本人认领或核实");
    }
  }

  private void completed(DelegateTask task) {
    String actor = actor(task);
    String formId = ((UserTask) task.getBpmnModelElementInstance()).getCamundaFormRef();
    validator.validate(formId, task, actor);

    LedgerKey number = LedgerKey.of(task);
    Instant now = clock.now();
    switch (task.getTaskDefinitionKey()) {
      case CLASSIFY_MATTER -> {
        ledger.recordClassification(number, text(task, MATTER_TYPE), text(task, HANDLING_LIST),
            text(task, SUBJECT), text(task, RESPONSIBLE_CADRE), now);
        ledger.recordClassified(number, now);
      }
      case UnitHandlingProcess.HANDLE_MATTER -> {
        if (MatterProcess.Values.ACTION_RESULT.equals(task.getVariable(HANDLE_ACTION))) {
          task.setVariable(HANDLED_BY, actor);
          ledger.recordResult(number, actor, text(task, OUTCOME), text(task, RESULT_SUMMARY),
              date(task, PROMISED_DATE), text(task, COMMITMENT_STEPS), text(task, POLICY_BASIS), now);
        }
      }
      case UnitHandlingProcess.VERIFY_RESULT -> ledger.recordVerification(number, actor, now);
      case FEEDBACK_TO_RESIDENT -> ledger.recordFeedback(number, text(task, FEEDBACK_METHOD),
          date(task, FEEDBACK_DATE), text(task, FEEDBACK_NOTE), now);
      case REVIEW_SATISFACTION -> ledger.recordSatisfaction(number, text(task, SATISFACTION), now);
      default -> { }
    }
    ledger.appendEvent(number, task.getTaskDefinitionKey(), actor, summary(task), now);
  }

  /** The line the item's history shows for a completed task: the choices made and the notes. */
  private static String summary(DelegateTask task) {
    return switch (task.getTaskDefinitionKey()) {
      case CLASSIFY_MATTER -> join(task, MATTER_TYPE, HANDLING_LIST, SUBJECT, DUPLICATE_OF);
      case UnitHandlingProcess.SIGN_FOR -> join(task, SIGN_FOR_DECISION, RETURN_REASON);
      case UnitHandlingProcess.HANDLE_MATTER -> MatterProcess.Values.ACTION_EXTENSION.equals(
          task.getVariable(HANDLE_ACTION))
          ? "申请延期" + task.getVariable(EXTENSION_DAYS) + "天：" + text(task, EXTENSION_REASON)
          : join(task, OUTCOME, RESULT_SUMMARY);
      case UnitHandlingProcess.APPROVE_EXTENSION -> join(task, EXTENSION_DECISION);
      case UnitHandlingProcess.VERIFY_RESULT -> join(task, VERIFICATION_RESULT, VERIFICATION_NOTE);
      case UnitHandlingProcess.SUPERVISE_OVERDUE -> join(task, SUPERVISION_MEASURE, SUPERVISION_OPINION);
      case TownHandlingProcess.TOWN_SIGN_FOR -> join(task, TOWN_DECISION, TOWN_NOTE);
      case TownHandlingProcess.PARTY_COMMITTEE_DECISION -> join(task, PARTY_COMMITTEE_DECISION, PARTY_COMMITTEE_MEASURES);
      case CountyHandlingProcess.CENTRE_DISPATCH -> join(task, LEAD_DEPARTMENT, TRANSFER_NOTE);
      case CountyHandlingProcess.CO_HANDLER_REPORT -> join(task, CO_REPORT);
      case CountyHandlingProcess.RULE_ON_RETURN -> join(task, RETURN_RULING, NEW_LEAD_DEPARTMENT, RULING_NOTE);
      case FourDeliberationsProcess.BRANCH_PROPOSAL -> join(task, PROPOSAL);
      case FourDeliberationsProcess.TWO_COMMITTEE_DISCUSSION, FourDeliberationsProcess.PARTY_MEMBERS_REVIEW,
          FourDeliberationsProcess.REPRESENTATIVES_RESOLUTION -> join(task, MEETING_DATE, DELIBERATION_PASSED,
          DELIBERATION_NOTE);
      case FourDeliberationsProcess.PUBLISH_RESOLUTION, PUBLISH_RESULT -> join(task, PUBLISHED_AT, PUBLISHED_WHERE);
      case FEEDBACK_TO_RESIDENT -> join(task, FEEDBACK_METHOD, FEEDBACK_NOTE);
      case REVIEW_SATISFACTION -> join(task, SATISFACTION, SATISFACTION_NOTE);
      case SUPERVISOR_REVIEW -> join(task, SUPERVISOR_DECISION, SUPERVISOR_OPINION);
      case CHECK_COMMITMENT -> join(task, COMMITMENT_KEPT, COMMITMENT_NOTE);
      default -> null;
    };
  }

  private static String join(DelegateTask task, String... keys) {
    StringBuilder line = new StringBuilder();
    for (String key : keys) {
      Object value = task.getVariable(key);
      if (value != null && !value.toString().isBlank()) {
        line.append(line.isEmpty() ? "" : "：").append(value);
      }
    }
    return line.isEmpty() ? null : line.toString();
  }

  private static String actor(DelegateTask task) {
    String user = currentUser(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
    return user != null ? user : task.getAssignee();
  }

  private static String currentUser(Authentication authentication) {
    return authentication == null ? null : authentication.getUserId();
  }

  private static String text(DelegateTask task, String key) {
    return task.getVariable(key) instanceof String s && !s.isBlank() ? s : null;
  }

  private static LocalDate date(DelegateTask task, String key) {
    String text = text(task, key);
    return text == null ? null : LocalDate.parse(text.substring(0, 10));
  }

  private static boolean belongsToAnItem(String processDefinitionId) {
    return processDefinitionId != null
        && MatterProcess.ALL_KEYS.contains(processDefinitionId.substring(0, processDefinitionId.indexOf(':')));
  }
}
