package cn.shuoshi.matter;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Drives an item through the engine as a named cadre would through the Tasklist: submit the start
 * form, claim a task, submit its form. Used by the demo data set and by the tests.
 */
@Component
public class MatterSteps {

  private final FormService forms;
  private final TaskService tasks;
  private final IdentityService identity;
  private final RepositoryService repository;
  private final HistoryService history;

  public MatterSteps(FormService forms, TaskService tasks, IdentityService identity, RepositoryService repository,
      HistoryService history) {
    this.history = history;
    this.forms = forms;
    this.repository = repository;
    this.tasks = tasks;
    this.identity = identity;
  }

  public ProcessInstance register(String cadre, Map<String, Object> startForm) {
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(MatterProcess.KEY)
        .latestVersion().singleResult().getId();
    return as(cadre, () -> forms.submitStartForm(definitionId, startForm));
  }

  /** The item's number: the business key of its process and of every process it calls. */
  public String number(ProcessInstance item) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(item.getId()).singleResult()
        .getBusinessKey();
  }

  /** The open task {@code taskKey} of the item, in whichever of its processes it waits. */
  public Task task(ProcessInstance item, String taskKey) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(number(item))
        .taskDefinitionKey(taskKey).list();
    if (open.size() != 1) {
      throw new IllegalStateException("expected one open " + taskKey + " of " + item.getId() + ", found " + open.size());
    }
    return open.get(0);
  }

  /** Claims the task if nobody holds it, then submits its form. */
  public void complete(String cadre, ProcessInstance item, String taskKey, Map<String, Object> form) {
    // Several co-handling departments may each have a task of the same kind: take the cadre's own.
    List<Task> mine = tasks.createTaskQuery().processInstanceBusinessKey(number(item)).taskDefinitionKey(taskKey)
        .or().taskAssignee(cadre).taskCandidateUser(cadre).endOr().list();
    if (mine.size() != 1) {
      throw new IllegalStateException("expected one open " + taskKey + " for " + cadre + ", found " + mine.size());
    }
    Task task = mine.get(0);
    as(cadre, () -> {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), cadre);
      }
      forms.submitTaskForm(task.getId(), form);
      return null;
    });
  }

  private <T> T as(String cadre, java.util.function.Supplier<T> step) {
    identity.setAuthentication(cadre, identity.createGroupQuery().groupMember(cadre).list().stream()
        .map(g -> g.getId()).toList());
    try {
      return step.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
