package cn.shuoshi.notify;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.settings.ShuoshiSettings;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * Who is told what, on the cadres' side: new work on a unit's desk goes to the unit's group robots
 * (a task created for the unit's candidate group, declared on the task with {@code notifyUnit}; done by
 * {@code steps.Steps}). Written to the {@link Outbox} inside the step's engine command.
 *
 * <p>A group is no place for personal data: the message holds the item's number, title, village and
 * deadline only. A sensitive item (a petition, a complaint about a cadre: {@link LedgerEntry#isSensitive()})
 * is never told to a group, and a confidential item's title is replaced by neutral words.
 */
@Component
public class UnitNotices {

  /** What a group reads instead of a confidential item's title (the notice board's words). */
  public static final String CONFIDENTIAL_TITLE = "（应反映人要求保密，不予公开）";

  /**
   * The process variable that holds a unit's handling deadline (unit handling's {@code deadline}); a task
   * outside unit handling (a town's sign-for) shows its own due date.
   */
  static final String DEADLINE_VARIABLE = "deadline";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final Set<String> ROLE_SUFFIXES = Arrays.stream(Role.values())
      .map(r -> r.groupOf("").substring(1)).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final ShuoshiSettings.Notify settings;
  private final UnitChannels channels;
  private final Outbox outbox;
  private final LedgerRepository ledger;
  private final Org org;
  private final EngineClock clock;

  public UnitNotices(ShuoshiSettings settings, UnitChannels channels, Outbox outbox, LedgerRepository ledger, Org org,
      EngineClock clock) {
    this.settings = settings.notifications();
    this.channels = channels;
    this.outbox = outbox;
    this.ledger = ledger;
    this.org = org;
    this.clock = clock;
  }

  /**
   * The task is new work for the units of its candidate groups: each unit's robots on the channels
   * switched on get "新事项待办". One message per unit, channel and process instance (the idempotency key),
   * so a unit that first signs for an item and then handles it, or handles it again after a rejected
   * verification, is told once per handling; a later handling (re-handling, a new dispatch) is a new message.
   *
   * @return how many messages were written
   */
  public int newWork(DelegateTask task) {
    if (settings.channels().isEmpty()) {
      return 0; // switched off: nothing read, nothing written
    }
    Map<String, java.util.List<String>> robots = new LinkedHashMap<>();
    for (String unit : unitsOf(task)) {
      java.util.List<String> on = channels.channelsOf(unit, settings.channels());
      if (!on.isEmpty()) {
        robots.put(unit, on);
      }
    }
    if (robots.isEmpty()) {
      return 0;
    }
    LedgerKey key = LedgerKey.of(task);
    Optional<LedgerEntry> item = key.number() == null ? Optional.empty()
        : ledger.findByNumber(key.number()).filter(e -> e.processInstanceId().equals(key.itemInstanceId()));
    if (item.isEmpty() || item.get().isSensitive()) {
      return 0; // not an item of the ledger, or a petition / complaint about a cadre: never in a group
    }
    LedgerEntry entry = item.get();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("number", entry.matterNumber());
    parameters.put("title", entry.confidential() ? CONFIDENTIAL_TITLE : entry.title());
    parameters.put("village", org.villageName(entry.villageCode()));
    parameters.put("deadline", deadline(task));
    int written = 0;
    for (Map.Entry<String, java.util.List<String>> unit : robots.entrySet()) {
      for (String channel : unit.getValue()) {
        String idempotencyKey = String.join(":", NotificationTemplates.NEW_WORK, entry.matterNumber(),
            task.getProcessInstanceId(), channel, unit.getKey());
        if (outbox.enqueue(idempotencyKey, channel, unit.getKey(), NotificationTemplates.NEW_WORK, parameters,
            clock.now())) {
          written++;
        }
      }
    }
    return written;
  }

  /** The units whose groups are the task's candidates ({@code <unit>_<role>}, {@code Role#groupOf}). */
  private Set<String> unitsOf(DelegateTask task) {
    Set<String> units = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      String unit = unitOf(link.getGroupId());
      if (unit != null) {
        units.add(unit);
      }
    }
    units.removeIf(Objects::isNull);
    return units;
  }

  /** The unit of a unit's group ({@code <unit>_<role>}), or null for any other group. */
  static String unitOf(String group) {
    int cut = group == null ? -1 : group.lastIndexOf('_');
    return cut > 0 && ROLE_SUFFIXES.contains(group.substring(cut + 1)) ? group.substring(0, cut) : null;
  }

  private String deadline(DelegateTask task) {
    Object deadline = task.getExecution().getVariable(DEADLINE_VARIABLE);
    Date date = deadline instanceof Date d ? d : task.getDueDate();
    return date == null ? "未定" : DATE.format(date.toInstant().atZone(EngineClock.BEIJING));
  }
}
