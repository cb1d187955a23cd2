package cn.shuoshi.security;

import cn.shuoshi.TestOrganisation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * Accounts of one test: a village cadre of 西坪村 (LS14) or an administrator, each with a fresh id so
 * that a lock or a changed password never reaches another test (or the next run on the same
 * PostgreSQL database). {@link #deleteAll} removes them; their login log stays, as it must.
 */
public final class TestUsers {

  static final String ADMINS = "camunda-admin";

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final List<String> made = new ArrayList<>();

  public TestUsers(IdentityService identity, AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
  }

  static String newId(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** A cadre of LS14's two committees with the Tasklist, password {@link TestOrganisation#password}. */
  String cadre(String prefix) {
    String id = user(prefix, "测试干部");
    identity.createMembership(id, "LS14_committee");
    return id;
  }

  /** A member of camunda-admin, which holds every permission (as camunda.bpm.admin-user sets it up). */
  public String administrator(String prefix) {
    if (identity.createGroupQuery().groupId(ADMINS).count() == 0) {
      Group group = identity.newGroup(ADMINS);
      group.setName("系统管理员");
      group.setType("SYSTEM");
      identity.saveGroup(group);
    }
    for (Resource resource : Resources.values()) {
      if (authorizations.createAuthorizationQuery().groupIdIn(ADMINS).resourceType(resource)
          .resourceId(Authorization.ANY).count() == 0) {
        Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(ADMINS);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(all);
      }
    }
    String id = user(prefix, "测试管理员");
    identity.createMembership(id, ADMINS);
    return id;
  }

  private String user(String prefix, String name) {
    String id = newId(prefix);
    User user = identity.newUser(id);
    user.setFirstName(name);
    user.setLastName("");
    user.setPassword(TestOrganisation.password(id));
    identity.saveUser(user);
    made.add(id);
    return id;
  }

  /** Also for users a test made itself through an API. */
  void forget(String userId) {
    made.add(userId);
  }

  public void deleteAll() {
    identity.clearAuthentication();
    for (String id : made) {
      identity.deleteUser(id);
    }
    made.clear();
  }
}
