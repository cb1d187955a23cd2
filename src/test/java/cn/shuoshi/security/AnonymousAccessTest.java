package cn.shuoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Nothing answers a stranger but the health check, the public notice board, the API description and
 * the webapps' login: not the engine REST API's list of engines (which Camunda leaves open), not the
 * password rules, not the webapps' first-administrator setup. The webapps' own list of engines stays
 * open, because their login page cannot log in without it; it names the engine and nothing else.
 */
@ShuoshiTest
class AnonymousAccessTest {

  static final String CADRE = "ls14_ganbu1";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  TestUsers users;

  @BeforeEach
  void anAdministratorExistsAsInProduction() {
    users = new TestUsers(identity, authorizations);
    users.administrator("present");
  }

  @AfterEach
  void cleanUp() {
    users.deleteAll();
  }

  @Test
  void strangersGetOnlyHealthTheBoardTheApiDescriptionAndTheLoginPage() {
    Caller stranger = Caller.anonymous(port);
    for (String path : List.of("/engine-rest/engine", "/engine-rest/engine/", "/engine-rest/engine/default/task",
        "/engine-rest/engine/default/process-definition", "/engine-rest/identity/password-policy", "/engine-rest/version",
        "/engine-rest/user", "/camunda/api/engine/engine/default/identity/password-policy", "/camunda/api/engine/engine/default/user",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/camunda/api/admin/plugin/adminPlugins/default/users", "/api/speaking-days")) {
      assertThat(stranger.get(path).status()).as(path).isEqualTo(401);
    }
    assertThat(stranger.json("POST", "/camunda/api/engine/engine/default/identity/password-policy",
        Map.of("password", "Abc-12345")).status()).isEqualTo(401);
    assertThat(stranger.get("/engine-rest/engine").header("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Basic"));
    for (String path : List.of("/actuator/health", "/board/villages/LS14", "/board/towns/LS", "/v3/api-docs",
        "/swagger-ui/index.html", "/camunda/app/tasklist/default/", "/camunda/app/welcome/default/")) {
      assertThat(stranger.get(path).status()).as(path).isEqualTo(200);
    }
    JsonNode engines = stranger.get("/camunda/api/engine/engine/").json();
    assertThat(engines.findValuesAsText("name")).contains("default");
    engines.forEach(engine -> assertThat(engine.fieldNames()).toIterable().containsExactly("name"));
    // "Who am I" tells a stranger nothing but "nobody".
    Caller.Answer whoAmI = stranger.get("/camunda/api/admin/auth/user/default");
    assertThat(whoAmI.status()).isEqualTo(404);
    assertThat(whoAmI.body()).doesNotContain("userId");
  }

  @Test
  void theFirstAdministratorSetupIsClosedToEverybody() {
    String intruder = TestUsers.newId("intruder");
    Map<String, Object> user = Map.of("profile", Map.of("id", intruder, "firstName", "入侵者", "lastName", ""),
        "credentials", Map.of("password", "Intruder-2026!"));
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.json("POST", "/camunda/api/admin/setup/default/user/create", user).status()).isEqualTo(403);
    assertThat(browser.logIn("default", "tasklist", CADRE, TestOrganisation.password(CADRE)).status()).isEqualTo(200);
    assertThat(browser.json("POST", "/camunda/api/admin/setup/default/user/create", user).status()).isEqualTo(403);
    assertThat(identity.createUserQuery().userId(intruder).count()).isZero();
  }

  @Test
  void afterLoggingInTheListOfEnginesIsThere() {
    assertThat(Caller.basic(port, CADRE, TestOrganisation.password(CADRE)).get("/engine-rest/engine").json()
        .findValuesAsText("name")).contains("default");
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", CADRE, TestOrganisation.password(CADRE)).status()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/engine/engine/").json().findValuesAsText("name")).contains("default");
    assertThat(browser.get("/camunda/api/engine/engine/default/identity/password-policy").status()).isEqualTo(200);
  }
}
