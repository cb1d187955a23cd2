package cn.shuoshi;

import cn.shuoshi.organisation.OrganisationImporter;
import java.io.InputStream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tests work on the demo organisation (龙山镇, 18 villages), imported the way an administrator would. */
@TestConfiguration
public class TestOrganisation {

  /**
   * Every test user's password: one per user, and fit for the password rules (8+ characters, a letter,
   * a digit and a symbol, not containing the user id) that are on in the test profile.
   */
  public static String password(String userId) {
    return "Pw7-" + Integer.toHexString(userId.hashCode()) + "!";
  }

  @Bean
  ApplicationRunner importTestOrganisation(OrganisationImporter importer, IdentityService identity, JdbcTemplate jdbc) {
    return (ApplicationArguments args) -> {
      try (InputStream units = new ClassPathResource("demo/organisation/units.csv").getInputStream();
          InputStream cadres = new ClassPathResource("demo/organisation/cadres.csv").getInputStream()) {
        importer.importCsv(units, cadres, TestOrganisation::password);
      }
      // A PostgreSQL database left by an earlier run may hold other passwords (or a lock): the
      // import keeps existing users' passwords, so they are made the tests' ones here.
      repairPasswords(identity, jdbc);
    };
  }

  /**
   * Every serving cadre's password back to the tests' one, unlocked and not asked to change it: after a
   * test that imported the organisation through the API, cadres it retired and brought back have new
   * random passwords (as a county's would), and later test classes must still log them in. Retired
   * cadres (a test's second town) cannot log in: their passwords are left alone.
   */
  public static void repairPasswords(IdentityService identity, JdbcTemplate jdbc) {
    for (String cadre : jdbc.queryForList("select user_id from cadre where retired_at is null", String.class)) {
      repair(identity, cadre);
    }
    jdbc.update("update user_account set must_change_password = false where must_change_password = true "
        + "and user_id in (select user_id from cadre where retired_at is null)");
  }

  /**
   * An administrator of the tests ({@code id}, the tests' password, shown as {@code name}): member of
   * camunda-admin. The group and its grants are made by camunda.bpm.admin-user, which the tests do not set:
   * made here the same way (ALL on every resource). Nothing happens for what exists already.
   */
  public static void administrator(IdentityService identity, AuthorizationService authorizations, String id,
      String name) {
    if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      var administrators = identity.newGroup(Groups.CAMUNDA_ADMIN);
      administrators.setName(Groups.CAMUNDA_ADMIN);
      identity.saveGroup(administrators);
      for (Resource resource : Resources.values()) {
        Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(all);
      }
    }
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(password(id));
      user.setFirstName(name);
      user.setLastName("");
      identity.saveUser(user);
      identity.createMembership(id, Groups.CAMUNDA_ADMIN);
    }
  }

  private static void repair(IdentityService identity, String userId) {
    identity.unlockUser(userId);
    if (!identity.checkPassword(userId, password(userId))) {
      User user = identity.createUserQuery().userId(userId).singleResult();
      user.setPassword(password(userId));
      identity.saveUser(user);
      identity.unlockUser(userId);
    }
  }
}
