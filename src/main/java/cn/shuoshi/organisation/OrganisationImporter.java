package cn.shuoshi.organisation;

import cn.shuoshi.audit.Origin;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org.UnitState;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.directory.SystemGroups;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.organisation.OrganisationPlan.PlannedCadre;
import cn.shuoshi.organisation.OrganisationPlan.PlannedPost;
import cn.shuoshi.organisation.OrganisationPlan.PlannedUnit;
import cn.shuoshi.security.Grants;
import cn.shuoshi.security.account.Accounts;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replaces the organisation by the one two files describe ({@link OrganisationPlan}), and keeps
 * Camunda's users, groups, memberships and open tasks in step with it, all in one transaction:
 *
 * <ul>
 *   <li>units and cadres of the files are added or updated; a cadre's posts become exactly those of
 *       the file (that is how a cadre moves), with the group memberships;
 *   <li>units and cadres missing from the files are <em>retired</em>, never deleted (the ledger keeps
 *       naming them): a retired cadre loses every membership, and the account gets a random password
 *       nobody knows; a unit named in another's {@code mergedFrom} is merged into it;
 *   <li>open tasks follow (through the engine's API): a task waiting in a retired unit's group goes to
 *       the successor's group of the same role, or the desk above (the town's 民情处理站 for a village);
 *       a task assigned to somebody who no longer holds a post in its groups goes back to its group.
 *       Each handover is a line in the item's ledger history.
 * </ul>
 *
 * Importing the same files again changes nothing. Each group gets its grants
 * ({@link Grants#forOrganisationGroup}); granting again changes nothing.
 */
@Component
public class OrganisationImporter {

  private static final Logger LOG = LoggerFactory.getLogger(OrganisationImporter.class);

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Grants grants;
  private final Accounts accounts;
  private final InitialPasswords passwords;
  private final LedgerRepository ledger;
  private final EngineClock clock;
  private final Org org;

  public OrganisationImporter(JdbcTemplate jdbc, IdentityService identity, TaskService tasks, RuntimeService runtime,
      Grants grants, Accounts accounts, InitialPasswords passwords, LedgerRepository ledger, EngineClock clock,
      Org org) {
    this.org = org;
    this.jdbc = jdbc;
    this.identity = identity;
    this.tasks = tasks;
    this.runtime = runtime;
    this.grants = grants;
    this.accounts = accounts;
    this.passwords = passwords;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** How many units and cadres the files hold. */
  public record Result(int units, int cadres) {}

  /** A unit merged into another. */
  public record Merge(String code, String into) {}

  public record UnitChanges(List<String> added, List<String> renamed, List<String> moved, List<String> retired,
      List<Merge> merged) {}

  public record CadreChanges(List<String> added, List<String> renamed, List<String> moved, List<String> retired) {}

  /**
   * An open task given to another desk: {@code from}/{@code to} are groups when the task moved to
   * another group, or {@code from} the former assignee and {@code to} the task's group when it went
   * back to its group. {@code itemNumber} is null for a task outside the ledger.
   */
  public record Handover(String itemNumber, String task, String taskName, String from, String to) {}

  /**
   * What an import changes (or would change: {@code dryRun}). {@code initialPasswords}: the passwords
   * of the accounts made by this import, only when it was not a dry run and passwords were generated.
   */
  public record Report(boolean dryRun, UnitChanges units, CadreChanges cadres, List<Handover> handedOver,
      Map<String, String> initialPasswords) {

    /** Without the passwords: a report may end up in a log line, its passwords never. */
    @Override
    public String toString() {
      return "Report[dryRun=" + dryRun + ", units=" + units + ", cadres=" + cadres + ", handedOver="
          + handedOver.size() + ", initialPasswords for " + initialPasswords.keySet() + "]";
    }

    public boolean changesNothing() {
      return units.added().isEmpty() && units.renamed().isEmpty() && units.moved().isEmpty()
          && units.retired().isEmpty() && units.merged().isEmpty() && cadres.added().isEmpty()
          && cadres.renamed().isEmpty() && cadres.moved().isEmpty() && cadres.retired().isEmpty()
          && handedOver.isEmpty();
    }
  }

  /**
   * Imports two CSV files with fixed passwords for the accounts it makes (demo data, tests, bench):
   * nobody is asked to change them.
   *
   * @param initialPassword the password a newly created Camunda user (or a retired cadre back in office) gets;
   *     existing users keep theirs
   */
  @Transactional
  public Result importCsv(InputStream units, InputStream cadres, Function<String, String> initialPassword)
      throws IOException {
    OrganisationPlan plan = plan(OrgTable.read("units", units.readAllBytes(), "units.csv",
        OrganisationPlan.UNIT_COLUMNS, OrganisationPlan.UNIT_OPTIONAL),
        OrgTable.read("cadres", cadres.readAllBytes(), "cadres.csv", OrganisationPlan.CADRE_COLUMNS, List.of()));
    apply(plan, Origin.of(null), initialPassword, false);
    return new Result(plan.units().size(), plan.cadres().size());
  }

  /** Checks the files against each other and the units that exist; throws with every error. Writes nothing. */
  public OrganisationPlan plan(OrgTable units, OrgTable cadres) {
    return OrganisationPlan.of(units, cadres,
        code -> jdbc.query("select level from org_unit where code = ?", (rs, i) -> Level.valueOf(rs.getString(1)), code)
            .stream().findFirst(),
        user -> identity.createUserQuery().userId(user).memberOfGroup(SystemGroups.ADMINS).count() > 0);
  }

  /** What importing the plan would change, changing nothing. */
  @Transactional
  public Report dryRun(OrganisationPlan plan) {
    Changes changes = changes(plan);
    return new Report(true, changes.units, changes.cadres, changes.handovers(), Map.of());
  }

  /**
   * Imports the plan; new accounts get random passwords (answered once in the report, never logged)
   * and must change them at their first login.
   *
   * @param origin who imports (an administrator, or the system at start) and through which door
   */
  @Transactional
  public Report replace(OrganisationPlan plan, Origin origin) {
    return apply(plan, origin, null, true);
  }

  private Report apply(OrganisationPlan plan, Origin origin, Function<String, String> fixedPassword,
      boolean randomPasswords) {
    org.unitsChangeInThisTransaction();
    Changes changes = changes(plan);
    Instant now = clock.now();
    var at = now.atOffset(ZoneOffset.UTC);

    for (PlannedUnit unit : plan.units()) {
      int updated = jdbc.update("update org_unit set name = ?, level = ?, parent_code = ?, retired_at = null, "
          + "merged_into = null where code = ?", unit.name(), unit.level().name(), unit.parent(), unit.code());
      if (updated == 0) {
        jdbc.update("insert into org_unit (code, name, level, parent_code) values (?, ?, ?, ?)",
            unit.code(), unit.name(), unit.level().name(), unit.parent());
      }
    }
    for (PlannedUnit unit : plan.units()) {
      for (Role role : Role.values()) {
        if (role.level() == unit.level()) {
          ensureGroup(role.groupOf(unit.code()), unit.name() + role.title());
          grants.forOrganisationGroup(role, role.groupOf(unit.code()));
        }
      }
    }
    for (String code : changes.units.retired()) {
      jdbc.update("update org_unit set retired_at = ? where code = ?", at, code);
    }
    for (Merge merge : changes.units.merged()) {
      jdbc.update("update org_unit set retired_at = coalesce(retired_at, ?), merged_into = ? where code = ?",
          at, merge.into(), merge.code());
    }

    Map<String, String> initial = new LinkedHashMap<>();
    for (PlannedCadre cadre : plan.cadres()) {
      if (jdbc.update("update cadre set name = ?, retired_at = null where user_id = ?", cadre.name(), cadre.userId()) == 0) {
        jdbc.update("insert into cadre (user_id, name) values (?, ?)", cadre.userId(), cadre.name());
      }
      User user = identity.createUserQuery().userId(cadre.userId()).singleResult();
      boolean newUser = user == null;
      if (newUser) {
        user = identity.newUser(cadre.userId());
      }
      String password = null;
      if (newUser || changes.reactivated.contains(cadre.userId())) {
        // A new account, or a retired cadre back in office (their password was made unknown).
        password = randomPasswords ? passwords.next(cadre.userId()) : fixedPassword.apply(cadre.userId());
        user.setPassword(password);
      }
      if (newUser || password != null || !cadre.name().equals(user.getFirstName())
          || !"".equals(user.getLastName())) {
        // Chinese names go in one piece: the webapps show "first last", which would split them oddly.
        user.setFirstName(cadre.name());
        user.setLastName("");
        identity.saveUser(user);
      }
      if (password != null && randomPasswords) {
        initial.put(cadre.userId(), password);
        accounts.requirePasswordChange(cadre.userId());
      }
      syncPosts(cadre.userId(), cadre.posts());
    }
    grants.cadreNamesReadable(plan.cadres().stream().map(PlannedCadre::userId).toList());
    for (String userId : changes.cadres.retired()) {
      syncPosts(userId, List.of());
      jdbc.update("update cadre set retired_at = ? where user_id = ?", at, userId);
      User user = identity.createUserQuery().userId(userId).singleResult();
      if (user != null) {
        user.setPassword(passwords.next(userId));
        identity.saveUser(user);
      }
    }

    for (Move move : changes.moves) {
      Handover handover = move.handover();
      if (move.toGroup()) {
        tasks.deleteCandidateGroup(handover.task(), handover.from());
        if (!hasCandidateGroup(handover.task(), handover.to())) {
          tasks.addCandidateGroup(handover.task(), handover.to());
        }
        supervisorsRead(handover, move.processInstanceId());
      } else {
        tasks.setAssignee(handover.task(), null);
        grants.revokeUserOnTask(handover.task(), handover.from());
      }
      if (handover.itemNumber() != null) {
        ledger.recordHandover(handover.itemNumber(), origin, note(move), now);
      }
    }
    Report report = new Report(false, changes.units, changes.cadres, changes.handovers(), initial);
    LOG.info("Organisation imported by {} ({}): {}", origin.actor(), origin.door(), report);
    return report;
  }

  /**
   * The task may now be worked in another town (a village merged across towns): that town's
   * supervisors and the county centre read it, as they would a task made there (steps.Steps).
   */
  private void supervisorsRead(Handover handover, String processInstanceId) {
    if (handover.itemNumber() == null) {
      return;
    }
    ledger.findByNumber(handover.itemNumber()).ifPresent(item -> {
      List<String> instances = new ArrayList<>();
      for (String id = processInstanceId; id != null && instances.size() < 16; ) {
        instances.add(id);
        ProcessInstance parent = runtime.createProcessInstanceQuery().subProcessInstanceId(id).singleResult();
        id = parent == null ? null : parent.getId();
      }
      grants.supervisorsRead(handover.task(), instances,
          List.of(org.townSupervisors(item.villageCode()), org.countyCentre(item.villageCode())));
    });
  }

  private static String note(Move move) {
    Handover h = move.handover();
    String task = "待办“" + (h.taskName() == null ? h.task() : h.taskName()) + "”";
    return move.toGroup()
        ? "组织调整：" + task + "由“" + h.from() + "”转至“" + h.to() + "”"
        : "组织调整：" + task + "退回“" + h.to() + "”（原办理人“" + h.from() + "”已不在该岗位）";
  }

  private boolean hasCandidateGroup(String taskId, String group) {
    return tasks.getIdentityLinksForTask(taskId).stream()
        .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && group.equals(l.getGroupId()));
  }

  /** The cadre's posts and group memberships become exactly {@code posts}. */
  private void syncPosts(String userId, List<PlannedPost> posts) {
    Set<String> wanted = new LinkedHashSet<>();
    posts.forEach(p -> wanted.add(p.unitCode() + "\u0000" + p.role().name()));
    List<Map<String, Object>> held = jdbc.queryForList("select unit_code, role from cadre_role where user_id = ?", userId);
    for (Map<String, Object> row : held) {
      String unit = (String) row.get("UNIT_CODE");
      String role = (String) row.get("ROLE");
      if (!wanted.remove(unit + "\u0000" + role)) {
        jdbc.update("delete from cadre_role where user_id = ? and unit_code = ? and role = ?", userId, unit, role);
        identity.deleteMembership(userId, Role.valueOf(role).groupOf(unit));
      }
    }
    for (PlannedPost post : posts) {
      if (wanted.contains(post.unitCode() + "\u0000" + post.role().name())) {
        jdbc.update("insert into cadre_role (user_id, unit_code, role) values (?, ?, ?)", userId, post.unitCode(),
            post.role().name());
      }
    }
    // Memberships follow the posts, whatever state an earlier run left them in.
    for (PlannedPost post : posts) {
      String group = post.role().groupOf(post.unitCode());
      if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
        identity.createMembership(userId, group);
      }
    }
  }

  private void ensureGroup(String id, String name) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    } else if (!name.equals(group.getName())) {
      group.setName(name);
      identity.saveGroup(group);
    }
  }

  // --- what changes ------------------------------------------------------------------------------

  private record StoredUnit(String code, String name, Level level, String parent, boolean retired, String mergedInto) {}

  private record StoredCadre(String userId, String name, boolean retired) {}

  /** A handover and how it is done: the task changes group ({@code toGroup}) or loses its assignee. */
  private record Move(Handover handover, boolean toGroup, String processInstanceId) {}

  private record Changes(UnitChanges units, CadreChanges cadres, Set<String> reactivated, List<Move> moves) {

    List<Handover> handovers() {
      return moves.stream().map(Move::handover).toList();
    }
  }

  private Changes changes(OrganisationPlan plan) {
    Map<String, StoredUnit> stored = new LinkedHashMap<>();
    jdbc.query("select code, name, level, parent_code, retired_at, merged_into from org_unit order by code", rs -> {
      stored.put(rs.getString(1), new StoredUnit(rs.getString(1), rs.getString(2), Level.valueOf(rs.getString(3)),
          rs.getString(4), rs.getTimestamp(5) != null, rs.getString(6)));
    });
    List<String> added = new ArrayList<>();
    List<String> renamed = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    List<String> retired = new ArrayList<>();
    List<Merge> merged = new ArrayList<>();
    Map<String, UnitState> after = new HashMap<>();
    for (PlannedUnit unit : plan.units()) {
      StoredUnit old = stored.get(unit.code());
      if (old == null || old.retired()) {
        added.add(unit.code());
      } else {
        if (!old.name().equals(unit.name())) {
          renamed.add(unit.code());
        }
        if (!Objects.equals(old.parent(), unit.parent()) || old.level() != unit.level()) {
          moved.add(unit.code());
        }
      }
      after.put(unit.code(), new UnitState(unit.code(), unit.level(), unit.parent(), false, null));
    }
    Set<String> leaving = new LinkedHashSet<>();
    for (StoredUnit old : stored.values()) {
      if (plan.unit(old.code()).isPresent()) {
        continue;
      }
      Optional<String> into = plan.mergedInto(old.code());
      if (into.isPresent() && (!old.retired() || !into.get().equals(old.mergedInto()))) {
        merged.add(new Merge(old.code(), into.get()));
        leaving.add(old.code());
      } else if (!old.retired()) {
        retired.add(old.code());
        leaving.add(old.code());
      }
      after.put(old.code(), new UnitState(old.code(), old.level(), old.parent(), true,
          into.orElse(old.mergedInto())));
    }
    UnitChanges units = new UnitChanges(added, renamed, moved, retired, merged);

    Map<String, StoredCadre> cadres = new LinkedHashMap<>();
    jdbc.query("select user_id, name, retired_at from cadre order by user_id",
        rs -> {
          cadres.put(rs.getString(1), new StoredCadre(rs.getString(1), rs.getString(2), rs.getTimestamp(3) != null));
        });
    Map<String, Set<String>> heldPosts = new HashMap<>();
    jdbc.query("select user_id, unit_code, role from cadre_role", rs -> {
      heldPosts.computeIfAbsent(rs.getString(1), u -> new HashSet<>()).add(rs.getString(2) + "/" + rs.getString(3));
    });
    List<String> cadresAdded = new ArrayList<>();
    List<String> cadresRenamed = new ArrayList<>();
    List<String> cadresMoved = new ArrayList<>();
    List<String> cadresRetired = new ArrayList<>();
    Set<String> inPlan = new HashSet<>();
    Set<String> reactivated = new HashSet<>();
    for (PlannedCadre cadre : plan.cadres()) {
      inPlan.add(cadre.userId());
      StoredCadre old = cadres.get(cadre.userId());
      if (old == null || old.retired()) {
        cadresAdded.add(cadre.userId());
        if (old != null) {
          reactivated.add(cadre.userId());
        }
        continue;
      }
      if (!old.name().equals(cadre.name())) {
        cadresRenamed.add(cadre.userId());
      }
      Set<String> posts = new HashSet<>();
      cadre.posts().forEach(p -> posts.add(p.unitCode() + "/" + p.role().name()));
      if (!posts.equals(heldPosts.getOrDefault(cadre.userId(), Set.of()))) {
        cadresMoved.add(cadre.userId());
      }
    }
    for (StoredCadre old : cadres.values()) {
      if (!inPlan.contains(old.userId()) && !old.retired()) {
        cadresRetired.add(old.userId());
      }
    }
    CadreChanges cadreChanges = new CadreChanges(cadresAdded, cadresRenamed, cadresMoved, cadresRetired);
    return new Changes(units, cadreChanges, reactivated, handovers(plan, leaving, after, stored, cadreChanges));
  }

  /**
   * The open tasks that change hands: those waiting in a group of a unit that leaves now, and those
   * assigned to somebody who leaves or no longer holds a post in any of the task's groups.
   */
  private List<Move> handovers(OrganisationPlan plan, Set<String> leaving, Map<String, UnitState> after,
      Map<String, StoredUnit> stored, CadreChanges cadres) {
    Function<String, Optional<UnitState>> lookup = code -> Optional.ofNullable(after.get(code));
    List<Move> handovers = new ArrayList<>();
    Map<String, Task> touched = new LinkedHashMap<>();
    Map<String, Set<String>> groupsAfter = new HashMap<>();
    Map<String, String> numbers = new HashMap<>();
    for (String code : leaving) {
      Level level = stored.get(code).level();
      for (Role role : Role.values()) {
        if (role.level() != level) {
          continue;
        }
        String from = role.groupOf(code);
        String to = Org.deskGroup(role, code, lookup);
        if (to.equals(from)) {
          continue;
        }
        for (Task task : tasks.createTaskQuery().taskCandidateGroup(from).includeAssignedTasks().orderByTaskId().asc().list()) {
          touched.putIfAbsent(task.getId(), task);
          Set<String> groups = groupsAfter.computeIfAbsent(task.getId(), id -> candidateGroups(id));
          groups.remove(from);
          groups.add(to);
          handovers.add(new Move(new Handover(itemNumber(task, numbers), task.getId(), task.getName(), from, to), true,
              task.getProcessInstanceId()));
        }
      }
    }
    Set<String> leavingPeople = new HashSet<>(cadres.retired());
    Set<String> assignees = new LinkedHashSet<>(cadres.retired());
    assignees.addAll(cadres.moved());
    touched.values().stream().map(Task::getAssignee).filter(Objects::nonNull).forEach(assignees::add);
    Set<String> planned = new HashSet<>();
    plan.cadres().forEach(c -> planned.add(c.userId()));
    for (String assignee : assignees) {
      if (!leavingPeople.contains(assignee) && !planned.contains(assignee)) {
        continue; // not a cadre (an administrator who took a task): not the organisation's business
      }
      Set<String> theirs = leavingPeople.contains(assignee) ? Set.of() : plan.groupsOf(assignee);
      for (Task task : tasks.createTaskQuery().taskAssignee(assignee).orderByTaskId().asc().list()) {
        Set<String> groups = groupsAfter.computeIfAbsent(task.getId(), id -> candidateGroups(id));
        if (groups.isEmpty() || groups.stream().anyMatch(theirs::contains)) {
          continue;
        }
        handovers.add(new Move(new Handover(itemNumber(task, numbers), task.getId(), task.getName(), assignee,
            String.join(",", groups)), false, task.getProcessInstanceId()));
      }
    }
    return handovers;
  }

  private Set<String> candidateGroups(String taskId) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(taskId)) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }

  private String itemNumber(Task task, Map<String, String> numbers) {
    return numbers.computeIfAbsent(task.getProcessInstanceId(), id -> {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
      String key = instance == null ? null : instance.getBusinessKey();
      return key != null && ledger.exists(key) ? key : "";
    }).transform(n -> n.isEmpty() ? null : n);
  }
}
