package cn.shuoshi.notify;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.settings.ShuoshiSettings;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Who is told what on the cadres' side besides new work ({@link UnitNotices}): the handler on the reminder
 * (催办), at the deadline, when a supervision order (督办) is given and when a supervisor urges them by hand;
 * the town's supervisors ({@code <town>_supervisor}) when an item needs supervising and on public notice
 * (通报). Declared on the models' elements ({@code notifyHandler}, {@code notifySupervisors},
 * {@code notifyHandlerOnComplete}; done by {@code steps.Steps}), all written in the step's transaction:
 *
 * <ul>
 *   <li>each person's own notice in the Tasklist (站内信, {@link CadreNotices}), leading to the task they work
 *       on (the handler's task, the supervision task) or else the item's story;</li>
 *   <li>an e-mail (outbox, channel {@code EMAIL}) to each person with an address in their profile;</li>
 *   <li>their unit's group robots (outbox, {@code WECOM} / {@code DINGTALK}): the handler's unit, the town
 *       for its supervisors — never for a sensitive item, and with a confidential item's title withheld.</li>
 * </ul>
 *
 * Each only while its channel is on; the words are the template's ({@code notification_template}): item
 * number, title, village and deadline, nothing about the resident.
 *
 * <p>"The handler" is whoever holds the unit's open task (the task's assignee); while nobody has taken it,
 * the unit's cadres (the members of its candidate group).
 */
@Component
public class StaffNotices {

  /** Unit handling's variable naming the unit's candidate group ({@code MatterProcess.Vars.UNIT_GROUP}). */
  static final String UNIT_GROUP_VARIABLE = "unitGroup";
  /** Unit handling's variable naming the supervisors' group (set by the calling level). */
  static final String SUPERVISORS_GROUP_VARIABLE = "supervisorsGroup";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final ShuoshiSettings.Notify settings;
  private final Outbox outbox;
  private final CadreNotices inbox;
  private final UnitChannels robots;
  private final NotificationTemplates templates;
  private final MailChannel mail;
  private final LedgerRepository ledger;
  private final Org org;
  private final EngineClock clock;
  private final IdentityService identity;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ProcessEngineConfigurationImpl engine;

  public StaffNotices(ShuoshiSettings settings, Outbox outbox, CadreNotices inbox, UnitChannels robots,
      NotificationTemplates templates, MailChannel mail, LedgerRepository ledger, Org org, EngineClock clock,
      IdentityService identity, TaskService tasks, RuntimeService runtime, ProcessEngineConfigurationImpl engine) {
    this.settings = settings.notifications();
    this.outbox = outbox;
    this.inbox = inbox;
    this.robots = robots;
    this.templates = templates;
    this.mail = mail;
    this.ledger = ledger;
    this.org = org;
    this.clock = clock;
    this.identity = identity;
    this.tasks = tasks;
    this.runtime = runtime;
    this.engine = engine;
  }

  /**
   * Runs {@code work} in an engine command (the current one, else a new one joining the caller's
   * transaction) without the caller's authorizations: who is told does not depend on what the cadre who
   * completed the step may read.
   */
  public <T> T privileged(Supplier<T> work) {
    CommandContext current = Context.getCommandContext();
    if (current != null) {
      return current.runWithoutAuthorization((Callable<T>) work::get);
    }
    return engine.getCommandExecutorTxRequired().execute(
        context -> context.runWithoutAuthorization((Callable<T>) work::get));
  }

  /** Whether any channel that tells a person (not only a group) is on. */
  private boolean off() {
    return settings.channels().isEmpty();
  }

  /**
   * The handler of the execution's unit handling is told {@code template}; {@code occasion} names this
   * step's run (an activity instance, a task) so that each run tells once.
   *
   * @return how many notices and messages were written
   */
  public int toHandler(DelegateExecution execution, String template, String occasion) {
    return off() ? 0 : privileged(() -> handlerOf(execution, template, occasion));
  }

  private int handlerOf(DelegateExecution execution, String template, String occasion) {
    Optional<LedgerEntry> item = itemOf(execution);
    if (item.isEmpty()) {
      return 0;
    }
    String unitGroup = execution.getVariable(UNIT_GROUP_VARIABLE) instanceof String g ? g : null;
    List<Handler> handlers = handlers(tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()),
        task -> unitGroup);
    return tell(item.get(), handlers, template, occasion, deadline(execution, item.get()));
  }

  /** The town's supervisors of the execution's item are told {@code template}, leading to {@code taskId} if any. */
  public int toSupervisors(DelegateExecution execution, String template, String occasion, String taskId) {
    return off() ? 0 : privileged(() -> supervisorsOf(execution, template, occasion, taskId));
  }

  private int supervisorsOf(DelegateExecution execution, String template, String occasion, String taskId) {
    Optional<LedgerEntry> item = itemOf(execution);
    if (item.isEmpty() || item.get().villageCode() == null || org.village(item.get().villageCode()).isEmpty()) {
      return 0;
    }
    // The supervisors of the level that handles it (unit handling's supervisorsGroup: the town's, or the
    // county centre for a county department), else the town's.
    String village = item.get().villageCode();
    String group = execution.getVariable(SUPERVISORS_GROUP_VARIABLE) instanceof String g && !g.isBlank() ? g
        : org.townSupervisors(village);
    List<Handler> supervisors = List.of(new Handler(members(group), UnitNotices.unitOf(group), taskId));
    return tell(item.get(), supervisors, template, occasion, deadline(execution, item.get()));
  }

  /**
   * A supervisor's manual 催办: every handler of the item's open unit handlings is told {@code URGED}, by
   * every channel that is on; {@code occasion} is the urge's own (one per minute and item).
   */
  public int urged(LedgerEntry item, String occasion) {
    return off() ? 0 : privileged(() -> urgedNow(item, occasion));
  }

  private int urgedNow(LedgerEntry item, String occasion) {
    List<Handler> handlers = handlers(tasks.createTaskQuery().processInstanceBusinessKey(item.matterNumber()),
        task -> runtime.getVariable(task.getExecutionId(), UNIT_GROUP_VARIABLE) instanceof String g ? g : null);
    return tell(item, handlers, NotificationTemplates.URGED, occasion, deadline(null, item));
  }

  /** Whom {@link #urged} would tell: whether the item has a handler at all. */
  public boolean hasHandler(LedgerEntry item) {
    return privileged(() -> !handlers(tasks.createTaskQuery().processInstanceBusinessKey(item.matterNumber()),
        task -> runtime.getVariable(task.getExecutionId(), UNIT_GROUP_VARIABLE) instanceof String g ? g : null).isEmpty());
  }

  /** People to tell, the unit whose group robots hear of it, the task their notice leads to. */
  private record Handler(Set<String> users, String unit, String taskId) {}

  /** The unit's open tasks of the query: their assignee, or while nobody took one, the unit's cadres. */
  private List<Handler> handlers(TaskQuery query, java.util.function.Function<Task, String> unitGroupOf) {
    List<Handler> found = new ArrayList<>();
    for (Task task : query.active().orderByTaskCreateTime().asc().list()) {
      String unitGroup = unitGroupOf.apply(task);
      if (unitGroup == null || !candidateOf(task, unitGroup)) {
        continue; // not the unit's own work (a supervisor's task, an approval)
      }
      Set<String> users = task.getAssignee() != null ? Set.of(task.getAssignee()) : members(unitGroup);
      found.add(new Handler(users, UnitNotices.unitOf(unitGroup), task.getId()));
    }
    return found;
  }

  private boolean candidateOf(Task task, String group) {
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (group.equals(link.getGroupId())) {
        return true;
      }
    }
    return false;
  }

  private Set<String> members(String group) {
    Set<String> users = new LinkedHashSet<>();
    for (User user : identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
      users.add(user.getId());
    }
    return users;
  }

  private int tell(LedgerEntry item, List<Handler> recipients, String template, String occasion, String deadline) {
    String body = templates.find(template).map(NotificationTemplates.Template::body).orElse(null);
    if (body == null) {
      return 0;
    }
    Map<String, String> own = parameters(item, item.title(), deadline);
    Map<String, String> shared = parameters(item, item.confidential() ? UnitNotices.CONFIDENTIAL_TITLE : item.title(),
        deadline);
    int written = 0;
    Set<String> told = new LinkedHashSet<>();
    Set<String> groupsTold = new LinkedHashSet<>();
    String base = template + ":" + item.matterNumber() + ":" + occasion + ":";
    for (Handler to : recipients) {
      for (String user : to.users()) {
        if (!told.add(user)) {
          continue;
        }
        if (settings.isOn(CadreNotices.ID) && inbox.write(base + "INBOX:" + user, user, template,
            NotificationTemplates.render(body, own), to.taskId(), item.matterNumber(), clock.now())) {
          written++;
        }
        if (settings.isOn(MailChannel.ID) && mail.hasAddress(user).isPresent()
            && outbox.enqueue(base + "EMAIL:" + user, MailChannel.ID, MailChannel.CADRE + user, template, shared,
            clock.now())) {
          written++;
        }
      }
      if (to.unit() != null && !item.isSensitive() && groupsTold.add(to.unit())) {
        for (String channel : robots.channelsOf(to.unit(), groupChannels())) {
          if (outbox.enqueue(base + channel + ":" + to.unit(), channel, to.unit(), template, shared, clock.now())) {
            written++;
          }
        }
      }
    }
    return written;
  }

  private List<String> groupChannels() {
    return settings.channels().stream().filter(c -> c.equals(WeComRobot.ID) || c.equals(DingTalkRobot.ID)).toList();
  }

  private Map<String, String> parameters(LedgerEntry item, String title, String deadline) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("number", item.matterNumber());
    parameters.put("title", title);
    parameters.put("village", org.villageName(item.villageCode()));
    parameters.put("deadline", deadline);
    return parameters;
  }

  private Optional<LedgerEntry> itemOf(DelegateExecution execution) {
    LedgerKey key = LedgerKey.of(execution);
    return key.number() == null ? Optional.empty()
        : ledger.findByNumber(key.number()).filter(e -> e.processInstanceId().equals(key.itemInstanceId()));
  }

  private static String deadline(DelegateExecution execution, LedgerEntry item) {
    Object deadline = execution == null ? null : execution.getVariable(UnitNotices.DEADLINE_VARIABLE);
    if (deadline instanceof Date date) {
      return DATE.format(date.toInstant().atZone(EngineClock.BEIJING));
    }
    return item.deadline() == null ? "未定" : DATE.format(item.deadline().atZoneSameInstant(EngineClock.BEIJING));
  }
}
