package cn.shuoshi.security;

import cn.shuoshi.TestOrganisation;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;

/**
 * The designer, the intake account and the administrator the side-door attacks log in as (SideDoorTest,
 * SideDoorFollowUpTest), each a member of its system group, password {@link TestOrganisation#password}.
 */
final class SideDoorAccounts {

  /** Accounts made in this run: a PostgreSQL database kept from an earlier run may hold one with
   * another password, so each is made anew once per run (a wrong password tried would count as a failed login). */
  private static final Set<String> made = new HashSet<>();

  private SideDoorAccounts() {}

  static void ensure(IdentityService identity, AuthorizationService authorizations, String id, String group) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      // The administrators' group and its grants are made by camunda.bpm.admin-user, which the tests
      // do not set: made here the same way (ALL on every resource).
      var created = identity.newGroup(group);
      created.setName(group);
      identity.saveGroup(created);
      for (Resource resource : Resources.values()) {
        Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(group);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(all);
      }
    }
    if (!made.contains(id) && identity.createUserQuery().userId(id).count() > 0) {
      identity.deleteUser(id);
    }
    made.add(id);
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(TestOrganisation.password(id));
      user.setFirstName(id);
      user.setLastName("");
      identity.saveUser(user);
      identity.createMembership(id, group);
    }
  }
}
