package cn.shuoshi.reports;

import cn.shuoshi.attachments.Attachments;
import cn.shuoshi.audit.Origin;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.forms.FieldRule;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.ledger.Desk;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.reports.LedgerAccess.Viewer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 事项经过, an item's story: every step on its ledger ({@code matter_event}) in the words a cadre uses —
 * who, when, which step (the name the model gives it), what was decided (the label of the option the form
 * offered) and the notes — under a head with the item's number, title, village, type, state and result.
 * Never the resident's name or phone. Who may read it: {@link LedgerAccess#seesStory}; a number the viewer
 * may not read is answered like one that does not exist, so numbers cannot be probed.
 */
@Component
public class ItemStory {

  /** One step of the story. */
  public record Line(String at, String actor, String what, String decision, String note) {}

  /**
   * A photo or document of the item: when, who, at which step; {@code publishable}: it may go on the
   * public board; {@code inPage}: a browser shows it in a page.
   */
  public record File(long id, String at, String actor, String step, String name, String kind, String size,
      boolean publishable, boolean inPage, boolean isPublic) {}

  /** The item's head, its steps and its files, oldest first. */
  public record Story(String number, String title, String village, String type, String subject, String state,
      String registeredAt, String deadline, String outcome, List<Line> lines, List<File> files) {}

  /** An item the viewer took part in, for 我经手的事项. */
  public record Mine(String number, String title, String village, String state, String registeredAt, String part,
      boolean open, boolean readable) {}

  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("REGISTERED", "登记事项"), Map.entry("MERGED", "并入原事项"), Map.entry("LINKED", "重复反映并入本事项"),
      Map.entry("ROUTED", "分流交办"), Map.entry("ESCALATED", "提级办理"), Map.entry("LEVEL_DONE", "本级办结"),
      Map.entry("PASSED_UP", "提交上级办理"), Map.entry("UNIT_DONE", "承办单位办结"), Map.entry("DISPATCHED", "县级转办"),
      Map.entry("RETURNED", "退单"), Map.entry("SIGN_FOR_LATE", "签收超时"), Map.entry("RULED", "退单裁定"),
      Map.entry("REOPENED", "重新办理"), Map.entry("COMMITTED", "承诺办理"), Map.entry("CLOSED", "办结"),
      Map.entry("CLOSED_OUT", "销号"), Map.entry("EXTENDED", "延期获批"), Map.entry("EXTENSION_REFUSED", "延期未获批准"),
      Map.entry("REMINDED", "到期前催办"), Map.entry("URGED", "督办人员催办"), Map.entry("OVERDUE", "办理超期"), Map.entry("PUBLIC_NOTICE", "通报并提级"),
      Map.entry("CALENDAR_MISSING", "工作日历缺失，期限仅扣除周末"), Map.entry("RESOLUTION_PUBLISHED", "决议公开"),
      Map.entry("PROPOSAL_REJECTED", "提议未获通过"), Map.entry("HANDED_OVER", "工作交接"),
      Map.entry("ATTACHED", "添加照片或文件"), Map.entry("PHOTO_PUBLISHED", "照片公开到公示栏"),
      Map.entry("PHOTO_WITHDRAWN", "照片撤下公示栏"), Map.entry("UNRATED", "未评价（超时）"),
      Map.entry("RESIDENT_LINK_REVOKED", "群众查看链接作废"), Map.entry("RESIDENT_LINK_ISSUED", "重新发放群众查看链接"));

  private final JdbcTemplate jdbc;
  private final LedgerRepository ledger;
  private final LedgerAccess access;
  private final Org org;
  private final FormSchemaRegistry forms;
  private final RepositoryService repository;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final Attachments attachments;
  /** Element names and form keys of a deployed process definition: a definition never changes. */
  private final Map<String, ModelWords> models = new ConcurrentHashMap<>();

  public ItemStory(JdbcTemplate jdbc, LedgerRepository ledger, LedgerAccess access, Org org, FormSchemaRegistry forms,
      RepositoryService repository, TaskService tasks, RuntimeService runtime, IdentityService identity,
      Attachments attachments) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.access = access;
    this.org = org;
    this.forms = forms;
    this.repository = repository;
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
    this.attachments = attachments;
  }

  /**
   * The story of item {@code number} if the viewer may read it. {@code worksOnIt}: the viewer holds or may
   * claim one of its tasks (the engine said so), which lets a department's cadre read the item they are
   * given before they have recorded anything.
   */
  public Optional<Story> read(String number, Viewer viewer, boolean worksOnIt) {
    Optional<Readable> readable = readable(number, viewer, worksOnIt);
    if (readable.isEmpty()) {
      return Optional.empty();
    }
    LedgerEntry entry = readable.get().entry();
    List<Event> events = readable.get().events();
    ModelWords words = modelWords();
    // The names of the item's reporter and of the residents of its merged duplicates (their phones are
    // masked as every phone number is): never shown in the story.
    List<String> residents = new ArrayList<>();
    residents.add(entry.reporterName());
    residents.addAll(jdbc.queryForList("select reporter_name from matter_reporter where matter_id = ?",
        String.class, entry.id()));
    List<Line> lines = new ArrayList<>();
    for (Event e : events) {
      Map<String, String> options = words.optionsOf(e.kind());
      lines.add(new Line(EngineClock.display(Date.from(e.at().toInstant())), who(e.actor()),
          KINDS.getOrDefault(e.kind(), words.names().getOrDefault(e.kind(), e.kind())),
          e.decision() == null ? null : words(e.decision(), options),
          e.note() == null ? null : withoutResidents(words(e.note(), options), residents)));
    }
    return Optional.of(new Story(entry.matterNumber(), entry.title(), org.villageName(entry.villageCode()),
        LedgerLabels.type(entry.matterType()), LedgerLabels.subject(entry.subject()), entry.state().label(),
        EngineClock.display(Date.from(entry.registeredAt().toInstant())),
        entry.deadline() == null ? null : EngineClock.display(Date.from(entry.deadline().toInstant())),
        LedgerLabels.outcome(entry.outcome()), lines, attachments.of(entry.id()).stream().map(f -> new File(f.id(),
            EngineClock.display(Date.from(f.uploadedAt())), who(f.uploadedBy()),
            words.names().getOrDefault(f.step(), f.step()), f.fileName(), f.kind().label(), size(f.sizeBytes()),
            f.kind().publishable(), f.kind().shownInPage(), f.isPublic())).toList()));
  }

  /** A file of item {@code number}, for a viewer who may read its story. */
  public Optional<Attachments.Content> file(String number, long fileId, Viewer viewer, boolean worksOnIt) {
    return readable(number, viewer, worksOnIt).flatMap(r -> attachments.content(r.entry().id(), fileId));
  }

  /** The item with its ledger lines, if the viewer may read its story; otherwise as if it did not exist. */
  private Optional<Readable> readable(String number, Viewer viewer, boolean worksOnIt) {
    Optional<LedgerEntry> found = ledger.findByNumber(number);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    LedgerEntry entry = found.get();
    List<Event> events = jdbc.query("select occurred_at, actor, kind, decision, note from matter_event "
            + "where matter_id = ? order by id",
        (rs, i) -> new Event(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)),
        entry.id());
    boolean tookPart = worksOnIt || tookPart(viewer.userId(), entry)
        || events.stream().anyMatch(e -> viewer.userId().equals(e.actor()));
    return access.seesStory(viewer, entry, tookPart) ? Optional.of(new Readable(entry, events)) : Optional.empty();
  }

  private record Readable(LedgerEntry entry, List<Event> events) {}

  /** Steps a resident's page leaves out: the office's own housekeeping, not what happened to the item. */
  private static final java.util.Set<String> NOT_FOR_RESIDENTS = java.util.Set.of("ATTACHED", "PHOTO_PUBLISHED",
      "PHOTO_WITHDRAWN", "HANDED_OVER", "CALENDAR_MISSING", "RESIDENT_LINK_REVOKED", "RESIDENT_LINK_ISSUED");

  /**
   * The story as the item's resident reads it on their page (no login): when, which step, what was decided,
   * and who acted as a unit and post (上河村村委会, 龙山镇纪委) — never a cadre's name or account, never the
   * notes cadres typed (they name people; the result and the feedback the resident is owed are shown apart).
   */
  public List<Line> forResident(String number) {
    Optional<LedgerEntry> found = ledger.findByNumber(number);
    if (found.isEmpty()) {
      return List.of();
    }
    ModelWords words = modelWords();
    List<Line> lines = new ArrayList<>();
    jdbc.query("select occurred_at, actor, kind, decision from matter_event where matter_id = ? order by id",
        rs -> {
          String kind = rs.getString(3);
          if (NOT_FOR_RESIDENTS.contains(kind)) {
            return;
          }
          String decision = rs.getString(4);
          Map<String, String> options = words.optionsOf(kind);
          lines.add(new Line(EngineClock.display(Date.from(rs.getObject(1, OffsetDateTime.class).toInstant())),
              unitOf(rs.getString(2), found.get()),
              KINDS.getOrDefault(kind, words.names().getOrDefault(kind, kind)),
              decision == null ? null : words(decision, options), null));
        }, found.get().id());
    return lines;
  }

  /** Who acted, as the resident may read it: the unit and post, not the person. */
  private String unitOf(String actor, LedgerEntry entry) {
    if (actor == null || Origin.SYSTEM.equals(actor)) {
      return "系统";
    }
    if (Origin.RESIDENT.equals(actor)) {
      return "您本人";
    }
    List<Org.Post> posts = org.postsOf(actor);
    // The post nearest the item: in its village, then its town, else the first one.
    Optional<Org.Post> post = posts.stream().filter(p -> p.unitCode().equals(entry.villageCode())).findFirst()
        .or(() -> posts.stream().filter(p -> p.unitCode().equals(entry.townCode())).findFirst())
        .or(() -> posts.stream().findFirst());
    return post.map(p -> org.unit(p.unitCode()).map(Org.Unit::name).orElse("")
        + (p.role() == Role.DEPARTMENT ? "" : p.role().title())).orElse("工作人员");
  }

  private static String size(long bytes) {
    return bytes < 1024 * 1024 ? Math.max(1, bytes / 1024) + " KB" : String.format("%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /**
   * The number of the item a task belongs to, if the logged-in user may see the task (the engine's own
   * authorization decides, as for the Tasklist's list): every process of an item carries its number as
   * business key.
   */
  public Optional<String> itemOfTask(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      return Optional.empty();
    }
    // The number only counts if the ledger's item is this task's own item (its root instance): a
    // process that merely carries a number-like business key opens nothing.
    return asService(() -> Optional.ofNullable(runtime.createProcessInstanceQuery()
            .processInstanceId(task.getProcessInstanceId()).singleResult()))
        .filter(instance -> instance.getBusinessKey() != null)
        .filter(instance -> ledger.findByNumber(instance.getBusinessKey())
            .map(entry -> entry.processInstanceId().equals(instance.getRootProcessInstanceId())).orElse(false))
        .map(ProcessInstance::getBusinessKey);
  }

  /**
   * 我经手的事项: the items the viewer registered, handled, verified or recorded any other step of, newest
   * first. Every such step is a ledger line naming its actor (index V13).
   */
  public List<Mine> mine(Viewer viewer, int limit) {
    String userId = viewer.userId();
    return jdbc.query("select m.matter_number, m.title, m.village_code, m.state, m.registered_at, "
            + "m.registered_by, m.handled_by, m.verified_by, m.desk_role from matter m "
            + "where m.id in (select e.matter_id from matter_event e where e.actor = ?) "
            + "order by m.registered_at desc, m.id desc limit ?",
        (rs, i) -> {
          MatterState state = MatterState.valueOf(rs.getString(4));
          List<String> parts = new ArrayList<>();
          if (userId.equals(rs.getString(6))) {
            parts.add("登记");
          }
          if (userId.equals(rs.getString(7))) {
            parts.add("办理");
          }
          if (userId.equals(rs.getString(8))) {
            parts.add("核实");
          }
          if (parts.isEmpty()) {
            parts.add("经手");
          }
          return new Mine(rs.getString(1), rs.getString(2), org.villageName(rs.getString(3)), state.label(),
              EngineClock.display(Date.from(rs.getObject(5, OffsetDateTime.class).toInstant())),
              String.join("、", parts), state != MatterState.CLOSED && state != MatterState.MERGED,
              // A petition a village cadre registered is followed by the town: listed, but its story is not theirs.
              !Desk.isSensitive(rs.getString(9)) || ledger.findByNumber(rs.getString(1))
                  .map(entry -> access.seesStory(viewer, entry, true)).orElse(false));
        },
        userId, limit);
  }

  /** A mobile (with or without +86 and separators) or a landline with its area code. */
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\d+])(?:(?:\\+?86[\\s-]?)?1\\d{2}[\\s-]?\\d{4}[\\s-]?\\d{4}|0\\d{2,3}[\\s-]?\\d{7,8})(?!\\d)");

  /**
   * Notes are typed by cadres ("已电话告知李桂兰，13912345678"): the story masks the residents of the item
   * and any phone number in them, as the ledger masks a confidential reporter — the story is read by
   * more people than the ledger's columns are.
   */
  public static String withoutResidents(String note, List<String> residents) {
    String masked = note;
    for (String resident : residents) {
      String name = resident == null ? "" : resident.strip();
      if (name.codePointCount(0, name.length()) > 1) {
        masked = masked.replace(name, LedgerAccess.maskName(name));
      }
    }
    return PHONE.matcher(masked).replaceAll(m -> LedgerAccess.maskPhone(m.group().replaceAll("[^0-9]", "")));
  }

  private static boolean tookPart(String user, LedgerEntry entry) {
    return user.equals(entry.registeredBy()) || user.equals(entry.responsibleCadre()) || user.equals(entry.handledBy())
        || user.equals(entry.verifiedBy());
  }

  private record Event(OffsetDateTime at, String actor, String kind, String decision, String note) {}

  private String who(String actor) {
    if (actor == null || Origin.SYSTEM.equals(actor)) {
      return "系统";
    }
    if (Origin.RESIDENT.equals(actor)) {
      return "群众本人（专属页面）";
    }
    return org.cadreName(actor).orElse(actor);
  }

  /**
   * A note or decision as a cadre reads it: each part (notes join a step's values with "：") in the
   * words of the step's form options, the ledger's labels, or the unit and post a group stands for.
   */
  private String words(String text, Map<String, String> options) {
    return Arrays.stream(text.split("：", -1)).map(part -> {
      // The service's own notes name a level and a post as LEVEL/ROLE.
      String[] pair = part.split("/", -1);
      if (pair.length == 2 && !word(pair[0], options).equals(pair[0]) && !word(pair[1], options).equals(pair[1])) {
        return word(pair[0], options) + "，" + word(pair[1], options);
      }
      return word(part.strip(), options);
    }).collect(Collectors.joining("："));
  }

  private String word(String token, Map<String, String> options) {
    if (options.containsKey(token)) {
      return options.get(token);
    }
    for (String label : new String[] {LedgerLabels.outcome(token), LedgerLabels.type(token),
        LedgerLabels.subject(token), LedgerLabels.handlingList(token), LedgerLabels.satisfaction(token)}) {
      if (!label.equals(token)) {
        return label;
      }
    }
    if (!LedgerLabels.level(token).equals(token)) {
      return LedgerLabels.level(token);
    }
    Optional<Role> role = Role.parse(token);
    if (role.isPresent()) {
      return role.get().title();
    }
    int underscore = token.lastIndexOf('_');
    if (underscore > 0) {
      // A group: the unit it belongs to and the post (a department's group is the department itself).
      String unit = token.substring(0, underscore);
      Optional<Role> post = Arrays.stream(Role.values()).filter(r -> r.groupOf(unit).equals(token)).findFirst();
      Optional<Org.Unit> named = org.unit(unit);
      if (post.isPresent() && named.isPresent()) {
        return named.get().name() + (post.get() == Role.DEPARTMENT ? "" : post.get().title());
      }
    }
    return token;
  }

  /**
   * The words of the button that completes a task: {@code submit}, or while the form's decision field
   * (labelled {@code decisionLabel}) has a choice, the word for that choice, by the choice's label.
   */
  public record SubmitWords(String submit, String decisionLabel, Map<String, String> byChoice) {}

  private static final String SUBMIT_LABEL = "submitLabel";

  /**
   * The button's words for a task the logged-in user may see, as its user task declares them
   * ({@code submitLabel}, {@code submitLabel.<decision>} of the {@code ledgerDecision} field;
   * steps.StepProperties), in the version of the model the task runs in.
   */
  public Optional<SubmitWords> submitWords(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessDefinitionId() == null) {
      return Optional.empty();
    }
    ModelWords words = asService(() -> models.computeIfAbsent(task.getProcessDefinitionId(),
        id -> read(repository.getBpmnModelInstance(id))));
    Map<String, String> properties = words.properties().getOrDefault(task.getTaskDefinitionKey(), Map.of());
    String submit = properties.getOrDefault(SUBMIT_LABEL, "提交");
    Optional<FieldRule> decision = Optional.ofNullable(properties.get("ledgerDecision"))
        .flatMap(key -> Optional.ofNullable(words.formOf().get(task.getTaskDefinitionKey())).flatMap(forms::find)
            .flatMap(form -> form.fields().stream().filter(f -> f.key().equals(key)).findFirst()));
    Map<String, String> byChoice = new LinkedHashMap<>();
    decision.ifPresent(field -> field.optionLabels().forEach((value, label) -> {
      String word = properties.get(SUBMIT_LABEL + "." + value);
      if (word != null) {
        byChoice.put(label, word);
      }
    }));
    return Optional.of(new SubmitWords(submit, decision.map(FieldRule::label).orElse(null), byChoice));
  }

  /** What the deployed models call their elements, which form each user task shows and its properties. */
  private record ModelWords(Map<String, String> names, Map<String, String> formOf,
      Map<String, Map<String, String>> properties, FormSchemaRegistry forms) {
    Map<String, String> optionsOf(String elementId) {
      String form = formOf.get(elementId);
      if (form == null) {
        return Map.of();
      }
      Map<String, String> options = new HashMap<>();
      forms.find(form).ifPresent(schema -> schema.fields().stream().map(FieldRule::optionLabels)
          .forEach(options::putAll));
      return options;
    }
  }

  private ModelWords modelWords() {
    // The names come from the models as deployed, read by the service itself: a cadre needs no right
    // on process definitions to read the story of an item they may read.
    return asService(() -> {
      Map<String, String> names = new LinkedHashMap<>();
      Map<String, String> formOf = new LinkedHashMap<>();
      for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
        ModelWords words = models.computeIfAbsent(definition.getId(), id -> read(repository.getBpmnModelInstance(id)));
        names.putAll(words.names());
        formOf.putAll(words.formOf());
      }
      return new ModelWords(names, formOf, Map.of(), forms);
    });
  }

  /** Reads the engine as the service, after the caller's own right was checked; the caller's login is restored. */
  private <T> T asService(Supplier<T> read) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private ModelWords read(BpmnModelInstance model) {
    Map<String, String> names = new HashMap<>();
    Map<String, String> formOf = new HashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node.getName() != null) {
        names.put(node.getId(), node.getName());
      }
    }
    Map<String, Map<String, String>> properties = new HashMap<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getCamundaFormRef() != null) {
        formOf.put(task.getId(), task.getCamundaFormRef());
      }
      Map<String, String> declared = new HashMap<>();
      if (task.getExtensionElements() != null) {
        task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
            .flatMap(p -> p.getCamundaProperties().stream())
            .filter(p -> p.getCamundaName() != null && p.getCamundaValue() != null)
            .forEach(p -> declared.put(p.getCamundaName(), p.getCamundaValue()));
      }
      properties.put(task.getId(), declared);
    }
    return new ModelWords(names, formOf, properties, forms);
  }
}
