package cn.shuoshi.matter;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Looks into an item's processes as a supervisor would in Cockpit: which called process it is in,
 * what that process knows, which timers wait; and fires a timer after moving the clock to it.
 */
@Component
public class Items {

  private final MatterSteps steps;
  private final RuntimeService runtime;
  private final ManagementService management;

  public Items(MatterSteps steps, RuntimeService runtime, ManagementService management) {
    this.steps = steps;
    this.runtime = runtime;
    this.management = management;
  }

  /** The item's running process of {@code processKey} (matter, unitHandling, townHandling, …). */
  public ProcessInstance instance(ProcessInstance item, String processKey) {
    List<ProcessInstance> running = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(steps.number(item)).processDefinitionKey(processKey).list();
    if (running.size() != 1) {
      throw new IllegalStateException(running.size() + " running " + processKey + " for " + steps.number(item));
    }
    return running.get(0);
  }

  /** The unit handling the item right now. */
  public ProcessInstance unit(ProcessInstance item) {
    return instance(item, MatterProcess.UNIT_HANDLING);
  }

  public Object unitVariable(ProcessInstance item, String name) {
    return runtime.getVariable(unit(item).getId(), name);
  }

  public Job timer(ProcessInstance item, String activityId) {
    List<Job> jobs = runtime.createProcessInstanceQuery().processInstanceBusinessKey(steps.number(item)).list()
        .stream()
        .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).activityId(activityId).list().stream())
        .toList();
    if (jobs.size() != 1) {
      throw new IllegalStateException(jobs.size() + " timers at " + activityId + " for " + steps.number(item));
    }
    return jobs.get(0);
  }

  /** Moves the engine clock just past the timer's due date and fires it, as the job executor would. */
  public void fire(ProcessInstance item, String timerActivityId) {
    Job timer = timer(item, timerActivityId);
    Date due = timer.getDuedate();
    if (ClockUtil.getCurrentTime().before(due)) {
      ClockUtil.setCurrentTime(new Date(due.getTime() + 1000));
    }
    management.executeJob(timer.getId());
  }
}
