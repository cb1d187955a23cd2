package cn.shuoshi.security;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateUserCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One way in: an item changes only through its forms, its timers and the service's own code. Every
 * engine command a logged-in user starts — through the Tasklist, Cockpit and Admin (the webapps'
 * API), the engine REST API or the service's API, they all end here — is judged before it runs, so a
 * refused call has changed nothing (no transaction was even opened):
 *
 * <ul>
 *   <li>reading (queries, {@code Get…} commands) is Camunda's authorization's business;
 *   <li>of the commands that change something, a user who is not an administrator may claim a task
 *       for themselves, submit the form of a task nobody else holds or the registration form, change
 *       their own account (not their name), deploy (designers; the models are checked when they are
 *       deployed) — and nothing else: no start at an activity,
 *       no skipped listeners, no process-instance modification, restart or migration, no plain task
 *       completion without its form, no BPMN error thrown from a task, no job executed, rescheduled,
 *       suspended or deleted, no variable changed beside a form.
 * </ul>
 *
 * Commands nested in a command that was allowed (a delegate that reschedules its own timers) and
 * commands without a logged-in user (the job executor, the service at start) are the modelled path.
 * Administrators may do everything; what they do is on the audit trail.
 */
public class ModelledPathGuard extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ModelledPathGuard.class);

  static final String REFUSAL = "事项只能通过表单、定时器和本系统接口办理：不能跳转或修改流程、跳过监听器、"
      + "直接执行或修改定时任务、绕过表单改动数据（只有系统管理员可以，且会记入审计记录）";

  static final String NAME_FROM_ORGANISATION = "姓名以组织架构为准，不能自行修改（请系统管理员在组织架构中调整）";

  static final String NOT_FOR_OTHERS = "只能为自己认领任务、退回或办理自己的任务，不能把任务交给他人，也不能办理他人已认领的任务"
      + "（由系统管理员调整，且会记入审计记录）";

  /**
   * The changes a user who is not an administrator may make. ({@code CreateUserCmd} only makes an
   * unsaved user object: the Welcome app's password check builds one from the typed profile.)
   */
  private static final Set<Class<?>> ALLOWED_CHANGES = Set.of(
      ClaimTaskCmd.class, AssignTaskCmd.class, SubmitTaskFormCmd.class, SubmitStartFormCmd.class,
      SaveUserCmd.class, CreateUserCmd.class, DeployCmd.class);

  private static final List<String> READING = List.of("Get", "Find", "Check", "Is", "ExecuteFilter",
      "AuthorizationCheck", "DetermineHistoryLevel");

  private final ProcessEngineConfigurationImpl engine;

  public ModelledPathGuard(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command);
    }
    Authentication caller = identity().getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null || isReading(command) || isAdministrator(caller)) {
      return next.execute(command);
    }
    if (command instanceof FailedJobListener) {
      // The job execution this listener follows was refused before it ran; counting that as a failure
      // of the job would use up one of its retries and move its due date.
      return null;
    }
    if (ALLOWED_CHANGES.contains(command.getClass())) {
      if (!staysWithOwnTasks(command, caller.getUserId(), engine)) {
        LOG.warn("refused {} for user {}: the task is another user's",
            command.getClass().getSimpleName(), caller.getUserId());
        throw new AuthorizationException(NOT_FOR_OTHERS);
      }
      if (command instanceof SaveUserCmd save && renames(save)) {
        LOG.warn("refused {} for user {}: changes a name the organisation gives", command.getClass().getSimpleName(),
            caller.getUserId());
        throw new AuthorizationException(NAME_FROM_ORGANISATION);
      }
      return next.execute(command);
    }
    LOG.warn("refused {} for user {}: not on the modelled path", command.getClass().getSimpleName(),
        caller.getUserId());
    throw new AuthorizationException(REFUSAL);
  }

  /**
   * Claiming and assigning name the user who gets the task, and the engine lets anybody who may work
   * the task name anybody: a town's station would hand a petition to a village cadre, who then sees
   * and works it. A user who is not an administrator may name only themselves, or nobody to give back
   * a task they hold (not to take it from the colleague who holds it). The engine also lets anybody who
   * may work a task submit its form while a colleague holds it; that is refused too.
   */
  static boolean staysWithOwnTasks(Command<?> command, String caller, ProcessEngineConfigurationImpl engine) {
    if (!(command instanceof ClaimTaskCmd) && !(command instanceof AssignTaskCmd)
        && !(command instanceof SubmitTaskFormCmd)) {
      return true;
    }
    String named = command instanceof SubmitTaskFormCmd ? null : field(command, "userId");
    if (named != null) {
      return named.equals(caller);
    }
    String taskId = field(command, "taskId");
    // By its id first (one row, no authorization joins: every form submission comes through here);
    // the command that follows checks the caller's rights itself.
    String assignee = engine.getCommandExecutorTxRequired().execute(new GetTaskAssignee(taskId));
    if (assignee == null || assignee.equals(caller)) {
      return true;
    }
    // Held by somebody else. A caller who may not even see the task is the engine's to refuse, in its words.
    Task visible = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    return visible == null;
  }

  /** The assignee of a task, or null when nobody holds it or there is no such task. A reading command. */
  record GetTaskAssignee(String taskId) implements Command<String> {
    @Override
    public String execute(CommandContext context) {
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      return task == null ? null : task.getAssignee();
    }
  }

  private static String field(Command<?> command, String name) {
    return (String) fieldValue(command, name);
  }

  private static Object fieldValue(Command<?> command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException e) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no " + name + " in " + command.getClass().getName());
  }

  /**
   * A user's name is the organisation's (the import of the cadres sets it); the Tasklist and Cockpit
   * show it for the assignee of a task, so a cadre who renamed themselves would pass for somebody else.
   * Changing one's own account is the password (and e-mail address); a new user is the authorization's
   * business (nobody but administrators may create one).
   */
  private boolean renames(SaveUserCmd save) {
    User changed = (User) fieldValue(save, "user");
    if (changed == null || changed.getId() == null) {
      return false;
    }
    User stored = engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
        () -> context.getReadOnlyIdentityProvider().findUserById(changed.getId())));
    return stored != null && (!Objects.equals(stored.getFirstName(), changed.getFirstName())
        || !Objects.equals(stored.getLastName(), changed.getLastName()));
  }

  static boolean isReading(Command<?> command) {
    if (command instanceof AbstractQuery<?, ?>) {
      return true;
    }
    Class<?> type = command.getClass();
    if (!type.getName().startsWith("org.camunda.bpm.engine.")) {
      // The webapps' own read models (Cockpit's statistics) and the service's own look-ups.
      return true;
    }
    String name = type.getSimpleName();
    return READING.stream().anyMatch(name::startsWith)
        || (name.startsWith("Create") && name.endsWith("QueryCmd"));
  }

  private boolean isAdministrator(Authentication caller) {
    if (engine.getAdminUsers() != null && engine.getAdminUsers().contains(caller.getUserId())) {
      return true;
    }
    List<String> groups = caller.getGroupIds();
    List<String> adminGroups = engine.getAdminGroups();
    return groups != null && adminGroups != null && groups.stream().anyMatch(adminGroups::contains);
  }

  private IdentityService identity() {
    return engine.getIdentityService();
  }
}
