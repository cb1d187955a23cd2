package cn.shuoshi.steps;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.RefusedAssignmentException;
import cn.shuoshi.forms.SubmissionValidator;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.matter.MatterForms;
import cn.shuoshi.model.Variable;
import cn.shuoshi.notify.StaffNotices;
import cn.shuoshi.notify.UnitNotices;
import cn.shuoshi.resident.ResidentTexts;
import cn.shuoshi.security.Grants;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * How the service does what a model's elements declare ({@link StepProperties}), inside the engine's
 * transaction: a refused submission or a failed ledger write leaves no trace.
 */
@Component
public class Steps {

  private final SubmissionValidator validator;
  private final FormSchemaRegistry forms;
  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final Org org;
  private final Grants grants;
  private final Map<String, StepRecord> records;
  private final UnitNotices unitNotices;
  private final StaffNotices staffNotices;
  private final ResidentTexts residentTexts;

  public Steps(SubmissionValidator validator, FormSchemaRegistry forms, LedgerRepository ledger, EngineClock clock,
      Org org, Grants grants, List<StepRecord> records, UnitNotices unitNotices, StaffNotices staffNotices,
      ResidentTexts residentTexts) {
    this.residentTexts = residentTexts;
    this.validator = validator;
    this.forms = forms;
    this.ledger = ledger;
    this.clock = clock;
    this.org = org;
    this.grants = grants;
    this.records = records.stream().collect(Collectors.toUnmodifiableMap(StepRecord::name, Function.identity()));
    this.unitNotices = unitNotices;
    this.staffNotices = staffNotices;
  }

  void taskCreated(DelegateTask task, StepProperties step, Expression title, String formId, boolean ofAnItem) {
    // Variables are read from the task's execution: a new task has none of its own, and asking it
    // would look them up in the database.
    DelegateExecution execution = task.getExecution();
    if (ofAnItem) {
      supervisors(execution).ifPresent(groups -> grants.supervisorsReadTask(task.getId(), groups));
    }
    if (title != null) {
      try {
        task.setName(task.getName() + " · " + title.getValue(execution));
      } catch (ProcessEngineException missing) {
        // A variable the title names is not there (an instance that did not come through its form):
        // the plain name; the ledger's own checks refuse such an instance where it matters.
      }
    }
    // The cadre who may not take it (the handler, for the verification of their result) does not see it,
    // as long as somebody else of its groups can take it: a task nobody sees would stall unnoticed,
    // while the handler who sees it is refused with the reason.
    step.get(StepProperties.NOT_BY).map(execution::getVariable).filter(String.class::isInstance)
        .map(String.class::cast).filter(user -> anotherCandidate(task, user))
        .ifPresent(user -> grants.hideTaskFrom(task.getId(), user));
    step.get(StepProperties.LEDGER_STATE).map(MatterState::valueOf).ifPresent(state -> {
      LedgerKey number = LedgerKey.of(task);
      ledger.setState(number, state, clock.now());
      if (state == MatterState.CLASSIFYING) {
        // The response rate compares the classification with this due date (issue #5).
        ledger.recordClassifyDue(number, task.getDueDate(), clock.now());
      }
    });
    // The Tasklist would prefill the form with the previous round's answers (held by the execution).
    step.get(StepProperties.CLEAR_FORM).ifPresent(clear -> {
      if ("true".equals(clear)) {
        if (formId != null) {
          forms.find(formId).ifPresent(form -> form.fields().forEach(field -> execution.removeVariable(field.key())));
        }
      } else if (!"false".equals(clear)) {
        for (String variable : clear.split(",")) {
          execution.removeVariable(variable.trim());
        }
      }
    });
    // In the step's transaction (the outbox): a step that rolls back tells nobody.
    if (ofAnItem && step.flag(StepProperties.NOTIFY_UNIT)) {
      unitNotices.newWork(task);
    }
    if (ofAnItem) {
      step.get(StepProperties.NOTIFY_SUPERVISORS).ifPresent(template ->
          staffNotices.toSupervisors(execution, template, task.getId(), task.getId()));
      step.get(StepProperties.NOTIFY_HANDLER).ifPresent(template ->
          staffNotices.toHandler(execution, template, task.getId()));
      step.get(StepProperties.NOTIFY_RESIDENT).ifPresent(template ->
          residentTexts.step(LedgerKey.of(task).number(), template, task.getId()));
    }
  }

  /** A service task of an item has run: who it tells, in its transaction. */
  void serviceTaskDone(DelegateExecution execution, StepProperties step) {
    String occasion = execution.getActivityInstanceId();
    step.get(StepProperties.NOTIFY_HANDLER).ifPresent(template ->
        staffNotices.toHandler(execution, template, occasion));
    step.get(StepProperties.NOTIFY_SUPERVISORS).ifPresent(template ->
        staffNotices.toSupervisors(execution, template, occasion, null));
  }

  /** Whether a cadre other than {@code user} belongs to one of the task's groups: counted, not loaded. */
  private static boolean anotherCandidate(DelegateTask task, String user) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    return task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull).anyMatch(group -> {
      long members = identity.createUserQuery().memberOfGroup(group).count();
      return members > 1 || (members == 1 && identity.createUserQuery().memberOfGroup(group).userId(user).count() == 0);
    });
  }

  void taskAssigned(DelegateTask task, StepProperties step) {
    refuseIfBarred(task, step, task.getAssignee());
  }

  /** The cadre a task's {@value StepProperties#NOT_BY} names may neither take it nor complete it. */
  private static void refuseIfBarred(DelegateTask task, StepProperties step, String user) {
    step.get(StepProperties.NOT_BY).ifPresent(variable -> {
      // The execution's variable: the task holds none of its own (asking it would load them).
      if (user != null && user.equals(task.getExecution().getVariable(variable))) {
        throw new RefusedAssignmentException(step.get(StepProperties.RECORD).filter("satisfaction"::equals).isPresent()
            ? "满意度测评须由群众本人评价，或由办理人以外的干部记录，不能由本事项的办理人记录"
            : "办理结果须由办理人以外的干部核实，不能由办理人本人认领或核实");
      }
    });
  }

  void taskCompleted(DelegateTask task, StepProperties step, String formId, boolean ofAnItem) {
    String actor = actor(task);
    refuseIfBarred(task, step, actor);
    if (formId != null) {
      validator.validate(formId, task, actor);
    }
    step.get(StepProperties.ACTOR_INTO).ifPresent(variable -> task.setVariable(variable, actor));
    String decision = step.get(StepProperties.LEDGER_DECISION).map(task::getVariable).map(String::valueOf).orElse(null);
    step.get(StepProperties.RECORD, decision).ifPresent(name -> record(name).record(task, actor));
    if (ofAnItem) {
      step.get(StepProperties.NOTIFY_HANDLER_ON_COMPLETE).ifPresent(template ->
          staffNotices.toHandler(task.getExecution(), template, task.getId() + ":done"));
    }
    if (ofAnItem && step.has(StepProperties.LEDGER_NOTE)) {
      ledger.appendEvent(LedgerKey.of(task),
          LedgerEvent.step(task.getTaskDefinitionKey(), decision, actor, note(task, step.noteVariables(decision))),
          clock.now());
    }
  }

  private StepRecord record(String name) {
    StepRecord record = records.get(name);
    if (record == null) {
      throw new IllegalStateException("no step record named " + name + " (camunda:property record)");
    }
    return record;
  }

  /** The start form was checked: only such an instance may enter the ledger ({@code LedgerKey}). */
  void registrationSubmitted(DelegateExecution execution, String formId) {
    if (!MatterForms.REGISTER.equals(formId)) {
      // Only the registration form's own checks mark an instance: a designer's start event that
      // declares registration without that form (a timer, another form) leaves it unmarked.
      return;
    }
    validator.validate(formId, execution, currentUser(execution));
    // Transient: no model, form or API can set it.
    execution.getProcessInstance().setVariableLocal(REGISTRATION_CHECKED, Variables.booleanValue(true, true));
  }

  void itemClosed(DelegateExecution execution) {
    LedgerKey number = LedgerKey.of(execution);
    ledger.close(number, clock.now());
    ledger.appendEvent(number, LedgerEvent.of(LedgerEvent.Kind.CLOSED, Variable.text(execution, OUTCOME)),
        clock.now());
  }

  /**
   * An instance of an item's process leaves its start event (the item, after its registration was
   * checked, or one level's handling of it): the same supervisors read it, once, while it is new
   * (nothing to look up in the database).
   */
  void itemProcessStarted(DelegateExecution instance) {
    supervisors(instance).ifPresent(groups -> grants.supervisorsReadInstance(instance.getProcessInstanceId(), groups));
  }

  /**
   * Who reads an item's tasks and instances beyond those who work them: the supervisors of the item's
   * town and county. (Who works a task is the model's business: its candidate groups.)
   */
  private Optional<List<String>> supervisors(DelegateExecution scope) {
    if (!(scope.getVariable(VILLAGE_CODE) instanceof String village) || org.village(village).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of(org.townSupervisors(village), org.countyCentre(village)));
  }

  /** The line the item's history shows for a completed task: the choices made and the notes. */
  private static String note(DelegateTask task, List<String> variables) {
    StringBuilder line = new StringBuilder();
    for (String key : variables) {
      Object value = task.getVariable(key);
      if (value != null && !value.toString().isBlank()) {
        line.append(line.isEmpty() ? "" : "：").append(value);
      }
    }
    return line.isEmpty() ? null : line.toString();
  }

  private static String actor(DelegateTask task) {
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user != null && user.getUserId() != null ? user.getUserId() : task.getAssignee();
  }

  private static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
