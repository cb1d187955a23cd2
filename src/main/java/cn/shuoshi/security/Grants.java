package cn.shuoshi.security;

import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Role;
import cn.shuoshi.directory.SystemGroups;
import cn.shuoshi.matter.MatterProcess;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Collection;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Who may do what in the engine (authorization is on in every profile). Task permissions of the
 * people who work a task come from the engine itself: the candidate groups and the assignee get
 * READ and TASK_WORK ({@code defaultUserPermissionNameForTask}), nothing more. Everything else is
 * granted here, idempotently:
 *
 * <ul>
 *   <li>per organisation group (by {@link cn.shuoshi.organisation.OrganisationImporter}): Tasklist
 *       access, READ on process definitions; registering groups start items ({@link #mayRegister});
 *       town supervisors and county centres also get Cockpit;
 *   <li>fixed ones at start ({@link FixedGrants}): READ on every task filter for everybody, the
 *       designers ({@value #DESIGNERS}) and the intake accounts ({@value #INTAKE});
 *   <li>per task and per process instance of an item ({@link #supervisorsReadTask},
 *       {@link #supervisorsReadInstance}): READ for the supervisors of the item's town and county —
 *       area-scoped, never global.
 * </ul>
 *
 * Administrators ({@code camunda-admin}) hold ALL on everything (Camunda's admin user setup).
 */
@Component
public class Grants {

  /** Process designers: deploy models and forms, read definitions, Cockpit. */
  public static final String DESIGNERS = SystemGroups.DESIGNERS;
  /** Designated intake accounts (hotline, online platform): register items for any village. */
  public static final String INTAKE = SystemGroups.INTAKE;
  public static final String ADMINS = SystemGroups.ADMINS;

  private final AuthorizationService authorizations;

  public Grants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** The grants of an organisation group {@code <unit>_<role>}. */
  public void forOrganisationGroup(Role role, String groupId) {
    group(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    group(groupId, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    if (mayRegister(role)) {
      startItems(groupId);
    }
    if (role == Role.SUPERVISOR || role == Role.CENTRE) {
      group(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      group(groupId, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    }
  }

  /**
   * Every logged-in user may read these cadres' names: the Tasklist shows who holds a task, and a
   * supervisor reads a name, not an account id. Per account, not on all users: administrators', designers'
   * and intake accounts stay unlisted (who they are is a target for locking them out). A cadre's profile
   * holds a name and a work e-mail, nothing of a resident. Granting again changes nothing.
   */
  public void cadreNamesReadable(Collection<String> userIds) {
    Set<String> granted = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(Resources.USER).list().stream().map(Authorization::getResourceId).collect(Collectors.toSet());
    for (String userId : new LinkedHashSet<>(userIds)) {
      if (!granted.contains(userId)) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        grant.setUserId(Authorization.ANY);
        grant.setResource(Resources.USER);
        grant.setResourceId(userId);
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
    }
  }

  /** Village and town cadres and the county centre register items (for their own area: MatterSubmissionRules). */
  public static boolean mayRegister(Role role) {
    return role.level() == Level.VILLAGE || role.level() == Level.TOWN || role == Role.CENTRE;
  }

  void fixed() {
    global(Resources.FILTER, "*", Permissions.READ);

    group(DESIGNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    group(DESIGNERS, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
    group(DESIGNERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    group(DESIGNERS, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    group(DESIGNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);

    group(INTAKE, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    group(INTAKE, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    startItems(INTAKE);
  }

  /**
   * What holding a task gave a cadre who no longer works it (moved or retired by an organisation
   * import): the engine grants an assignee the task and keeps the grant when the task is handed back.
   */
  public void revokeUserOnTask(String taskId, String userId) {
    authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId).userIdIn(userId)
        .list().forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
  }

  /**
   * A task its unit offers to a cadre who may not take it (the verification of their own result,
   * {@code notBy}): a REVOKE of reading and working it for that cadre, so that it is not even listed
   * among their unit's tasks. It goes with the task when it ends.
   */
  public void hideTaskFrom(String taskId, String userId) {
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(userId);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(taskId);
    revoke.removePermission(Permissions.READ);
    revoke.removePermission(Permissions.UPDATE);
    revoke.removePermission(TaskPermissions.TASK_WORK);
    authorizations.saveAuthorization(revoke);
  }

  /**
   * READ on a task for each supervising group, when the task is created (inside the engine's
   * transaction); the grants go with the task when it ends.
   */
  public void supervisorsReadTask(String taskId, List<String> groups) {
    read(groups.stream().distinct().toList(), Resources.TASK, taskId, isNew(TaskEntity.class, taskId));
  }

  /**
   * READ on a process instance of an item for each supervising group, when the instance starts; the
   * grants go with the instance when it ends. (Instances started before this was done at their start
   * got it with their first task.)
   */
  public void supervisorsReadInstance(String processInstanceId, List<String> groups) {
    // A process's start listeners run in the starting user's command as it is, with their rights and
    // on the user operation log (a task's listeners run as the engine's delegate code does: neither):
    // this grant is the service's, on the modelled path, not something the registering cadre did.
    CommandContext command = Context.getCommandContext();
    boolean checking = command != null && command.isAuthorizationCheckEnabled();
    boolean logging = command != null && command.isUserOperationLogEnabled();
    if (command != null) {
      command.disableAuthorizationCheck();
      command.disableUserOperationLog();
    }
    try {
      read(groups.stream().distinct().toList(), Resources.PROCESS_INSTANCE, processInstanceId,
          isNew(ExecutionEntity.class, processInstanceId));
    } finally {
      if (checking) {
        command.enableAuthorizationCheck();
      }
      if (logging) {
        command.enableUserOperationLog();
      }
    }
  }

  /** Both, for a task an organisation change moved into another town's area (OrganisationImporter). */
  public void supervisorsRead(String taskId, List<String> processInstanceIds, List<String> groups) {
    supervisorsReadTask(taskId, groups);
    processInstanceIds.forEach(instance -> supervisorsReadInstance(instance, groups));
  }

  /** READ on one resource for each group: a grant pending in this transaction, a stored one, or a new one. */
  private void read(List<String> groups, Resource resource, String resourceId, boolean resourceIsNew) {
    List<Authorization> stored = null;
    for (String group : groups) {
      Authorization pending = pending(group, resource, resourceId);
      if (pending != null) {
        pending.addPermission(Permissions.READ);
        continue;
      }
      if (stored == null) {
        stored = resourceIsNew ? List.of() : authorizations.createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(resource).resourceId(resourceId)
            .groupIdIn(groups.toArray(String[]::new)).list();
      }
      Authorization existing = stored.stream().filter(a -> group.equals(a.getGroupId())).findFirst().orElse(null);
      if (existing == null) {
        create(group, resource, resourceId, Permissions.READ);
      } else {
        save(existing, false, resource, resourceId, Permissions.READ);
      }
    }
  }

  /** Whether the entity was made in the running engine transaction and is not stored yet. */
  private static boolean isNew(Class<? extends DbEntity> type, String id) {
    CommandContext command = Context.getCommandContext();
    if (command == null || id == null) {
      return false;
    }
    CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache().getCachedEntity(type, id);
    return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
  }

  private static boolean isLive(DbEntityManager entities, AuthorizationEntity a) {
    CachedDbEntity cached = entities.getDbEntityCache().getCachedEntity(a);
    return cached != null && (cached.getEntityState() == DbEntityState.TRANSIENT
        || cached.getEntityState() == DbEntityState.PERSISTENT || cached.getEntityState() == DbEntityState.MERGED);
  }

  private void startItems(String groupId) {
    group(groupId, Resources.PROCESS_DEFINITION, MatterProcess.KEY, Permissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    group(groupId, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
  }

  private void global(Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    grant.setUserId(Authorization.ANY);
    save(grant, existing == null, resource, resourceId, permissions);
  }

  private void group(String groupId, Resource resource, String resourceId, Permission... permissions) {
    // Inside the engine's transaction, grants made in it (the engine's own for a task's candidate
    // groups, ours for another task of the same instance) are not in the database yet.
    Authorization pending = pending(groupId, resource, resourceId);
    if (pending != null) {
      for (Permission permission : permissions) {
        pending.addPermission(permission);
      }
      return;
    }
    Authorization existing = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    if (existing == null) {
      create(groupId, resource, resourceId, permissions);
    } else {
      save(existing, false, resource, resourceId, permissions);
    }
  }

  private static Authorization pending(String groupId, Resource resource, String resourceId) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return null;
    }
    DbEntityManager entities = command.getDbEntityManager();
    return entities.getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .filter(a -> isLive(entities, a) && a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && groupId.equals(a.getGroupId())
            && a.getResourceType() == resource.resourceType() && resourceId.equals(a.getResourceId()))
        .findFirst().orElse(null);
  }

  private void create(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(groupId);
    save(grant, true, resource, resourceId, permissions);
  }

  private void save(Authorization grant, boolean isNew, Resource resource, String resourceId, Permission... permissions) {
    boolean changed = isNew;
    if (isNew) {
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(grant);
    }
  }
}
