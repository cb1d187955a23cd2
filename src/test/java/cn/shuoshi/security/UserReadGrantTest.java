package cn.shuoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cadres read each other's names (the Tasklist shows who holds a task by name), and nothing more: the
 * administrators' and the intake accounts' ids are what a stranger needs to lock them (5 wrong passwords,
 * 10 minutes, again and again), so they stay unlisted (review13's finding against a global READ on users).
 */
@ShuoshiTest
class UserReadGrantTest {

  static final String ENGINE = "/camunda/api/engine/engine/default";
  static final String CADRE = "ls13_ganbu1";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  TestUsers users;

  @AfterEach
  void removeUsers() {
    if (users != null) {
      users.deleteAll();
    }
  }

  @Test
  void aCadreReadsNoAdministratorsAccount() {
    users = new TestUsers(identity, authorizations);
    String admin = users.administrator("uradm");
    Caller cadre = Caller.browser(port, "default");
    assertThat(cadre.logIn("default", "tasklist", CADRE, TestOrganisation.password(CADRE)).status()).isEqualTo(200);
    assertThat(cadre.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);

    Caller.Answer admins = cadre.get(ENGINE + "/user?memberOfGroup=camunda-admin");
    Caller.Answer all = cadre.get(ENGINE + "/user?maxResults=10000");
    Caller.Answer profile = cadre.get(ENGINE + "/user/" + admin + "/profile");
    List<String> seen = new ArrayList<>();
    for (Caller.Answer answer : List.of(admins, all)) {
      if (answer.status() == 200) {
        for (JsonNode user : answer.json()) {
          seen.add(user.path("id").asText());
        }
      }
    }
    assertThat(seen).as("accounts a cadre lists").doesNotContain(admin, "demo").contains("ls13_ganbu2", "ls_jiwei");
    assertThat(profile.status()).as(profile.toString()).isIn(403, 404);
    Caller.Answer colleague = cadre.get(ENGINE + "/user/ls_jiwei/profile");
    assertThat(colleague.status()).isEqualTo(200);
    assertThat(colleague.json().path("firstName").asText()).isNotBlank();
  }
}
