package cn.shuoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.security.account.Accounts;
import cn.shuoshi.security.account.SecuritySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A password somebody else set (an administrator in Admin or through the REST API, or an import that
 * asks for it) must be changed by its owner before anything else: until then every call is refused
 * with a 403 saying where to change it, except what changing it needs, and the Tasklist sends them to
 * the Welcome app. The owner's own change lifts it. The rule is switched on here for these tests
 * ({@code shuoshi.security.password-change-at-first-login}, off in the test profile).
 */
@ShuoshiTest
class FirstLoginPasswordChangeTest {

  static final String WELCOME = "/camunda/app/welcome/default/#/welcome";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired Accounts accounts;
  @Autowired SecuritySettings settings;
  @Autowired LedgerRepository ledger;
  TestUsers users;

  @BeforeEach
  void passwordChangeAtFirstLogin() {
    users = new TestUsers(identity, authorizations);
    settings.setPasswordChangeAtFirstLogin(true);
  }

  @AfterEach
  void asInTheTestProfile() {
    settings.setPasswordChangeAtFirstLogin(false);
    users.deleteAll();
  }

  static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, v == null ? Map.of("type", "Null")
        : Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String")));
    return Map.of("variables", typed);
  }

  void assertRefusedWithDirections(Caller.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.header("X-Shuoshi-Password-Change")).contains(WELCOME);
    assertThat(answer.json().path("message").asText()).startsWith("您须先修改密码才能继续使用")
        .contains(WELCOME).contains("修改密码");
  }

  @Test
  void aPasswordAnAdministratorSetMustBeChangedBeforeAnythingElseOnTheRestApis() {
    String admin = users.administrator("fladmin");
    Caller administrator = Caller.basic(port, admin, TestOrganisation.password(admin));
    String cadre = TestUsers.newId("newcadre");
    users.forget(cadre);
    String initial = "Chushi-2026!";
    assertThat(administrator.json("POST", "/engine-rest/user/create", Map.of(
        "profile", Map.of("id", cadre, "firstName", "新干部", "lastName", ""),
        "credentials", Map.of("password", initial))).status()).isEqualTo(204);
    assertThat(administrator.json("PUT", "/engine-rest/group/LS14_committee/members/" + cadre, null).status())
        .isEqualTo(204);
    assertThat(accounts.mustChangePassword(cadre)).isTrue();

    // Everything is refused — reading, registering an item, the service's API, somebody else's password —
    // and a refused call changes nothing.
    Caller newcomer = Caller.basic(port, cadre, initial);
    long items = ledger.countAll();
    assertRefusedWithDirections(newcomer.get("/engine-rest/task"));
    assertRefusedWithDirections(newcomer.get("/engine-rest/engine"));
    assertRefusedWithDirections(newcomer.get("/engine-rest/user/" + cadre + "/credentials/../../../task"));
    assertRefusedWithDirections(newcomer.json("POST", "/engine-rest/process-definition/key/matter/submit-form",
        typed(Forms.register("LS14"))));
    assertRefusedWithDirections(newcomer.json("PUT", "/engine-rest/user/" + admin + "/credentials",
        Map.of("password", "Takeover-2026!", "authenticatedUserPassword", initial)));
    Caller.Answer api = newcomer.get("/api/speaking-days");
    assertThat(api.status()).isEqualTo(403);
    assertThat(api.json().path("type").asText()).isEqualTo("urn:shuoshi:problem:password-change-required");
    assertThat(api.json().path("detail").asText()).contains(WELCOME);
    assertThat(ledger.countAll()).isEqualTo(items);
    assertThat(identity.checkPassword(admin, TestOrganisation.password(admin))).isTrue();

    // What changing the password needs: the rules, and the change itself.
    assertThat(newcomer.get("/engine-rest/identity/password-policy").status()).isEqualTo(200);
    assertThat(newcomer.json("PUT", "/engine-rest/user/" + cadre + "/credentials",
        Map.of("password", "Wode-mima-1!", "authenticatedUserPassword", initial)).status()).isEqualTo(204);

    assertThat(accounts.mustChangePassword(cadre)).isFalse();
    assertThat(accounts.passwordChangedAt(cadre)).isNotNull();
    Caller owner = Caller.basic(port, cadre, "Wode-mima-1!");
    assertThat(owner.get("/engine-rest/task").status()).isEqualTo(200);
    assertThat(owner.get("/api/speaking-days").status()).isEqualTo(200);

    // An administrator's reset asks for a change again; the owner's own change never does.
    assertThat(administrator.json("PUT", "/engine-rest/user/" + cadre + "/credentials",
        Map.of("password", "Chongzhi-2026!", "authenticatedUserPassword", TestOrganisation.password(admin)))
        .status()).isEqualTo(204);
    assertThat(accounts.mustChangePassword(cadre)).isTrue();
    settings.setPasswordChangeAtFirstLogin(false);
    assertThat(Caller.basic(port, cadre, "Chongzhi-2026!").json("PUT", "/engine-rest/user/" + cadre + "/credentials",
        Map.of("password", "Wode-mima-2!", "authenticatedUserPassword", "Chongzhi-2026!")).status()).isEqualTo(204);
    assertThat(accounts.mustChangePassword(cadre)).isFalse();
    assertThat(administrator.json("PUT", "/engine-rest/user/" + cadre + "/credentials",
        Map.of("password", "Chongzhi-2027!", "authenticatedUserPassword", TestOrganisation.password(admin)))
        .status()).isEqualTo(204);
    assertThat(accounts.mustChangePassword(cadre)).as("switched off: an administrator's reset asks nothing").isFalse();
  }

  @Test
  void aUserTheImportFlaggedIsSentFromTheTasklistToTheWelcomeAppAndChangesThePasswordThere() {
    users.administrator("present"); // as in production: else the webapps' pages offer the first-admin setup
    String cadre = users.cadre("imported");
    String initial = TestOrganisation.password(cadre);
    accounts.requirePasswordChange(cadre);

    Caller browser = Caller.browser(port, "default");
    Caller.Answer login = browser.logIn("default", "tasklist", cadre, initial);
    assertThat(login.status()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);

    // The Tasklist's page goes to the Welcome app; its calls are refused with directions.
    Caller.Answer page = browser.get("/camunda/app/tasklist/default/");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location").orElseThrow()).endsWith(WELCOME);
    assertThat(browser.get("/camunda/app/cockpit/").status()).isEqualTo(302);
    assertRefusedWithDirections(browser.get("/camunda/api/engine/engine/default/task?maxResults=15"));
    assertRefusedWithDirections(browser.get("/camunda/api/engine/engine/default/filter"));
    assertRefusedWithDirections(browser.get("/camunda/api/engine/engine/default/group?member=ls14_ganbu1"));
    assertRefusedWithDirections(browser.get("/camunda/api/engine/engine/default/user/ls14_ganbu1/profile"));
    assertRefusedWithDirections(browser.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics"));
    // A path that looks allowed but leads elsewhere is judged by where it leads.
    assertRefusedWithDirections(browser.get("/camunda/api/engine/engine/default/user/" + cadre + "/profile/../../../task"));
    assertRefusedWithDirections(browser.get("/camunda/api/cockpit/plugin/x/static/../../../../engine/engine/default/task"));

    // What the Welcome app shows and needs: its page, the user's own profile and groups, the rules.
    Caller.Answer welcome = browser.get("/camunda/app/welcome/default/");
    assertThat(welcome.status()).as(welcome.headers().toString()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/engine/engine/default/user/" + cadre + "/profile").json()
        .path("firstName").asText()).isEqualTo("测试干部");
    assertThat(browser.get("/camunda/api/engine/engine/default/group?member=" + cadre).body()).contains("LS14_committee");
    assertThat(browser.get("/camunda/api/engine/engine/default/group/count?member=" + cadre).status()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/engine/engine/default/identity/password-policy").status()).isEqualTo(200);
    Caller.Answer changed = browser.json("PUT", "/camunda/api/engine/engine/default/user/" + cadre + "/credentials",
        Map.of("password", "Xin-mima-2026!", "authenticatedUserPassword", initial));
    assertThat(changed.status()).as(changed.body()).isEqualTo(204);

    assertThat(accounts.mustChangePassword(cadre)).isFalse();
    Caller.Answer tasklist = browser.get("/camunda/app/tasklist/default/");
    assertThat(tasklist.status()).as(tasklist.headers().toString()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/engine/engine/default/filter").status()).isEqualTo(200);
    assertThat(identity.checkPassword(cadre, "Xin-mima-2026!")).isTrue();
  }
}
