package cn.shuoshi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.ledger.LedgerRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stranger who tries passwords locks an account for ten minutes, never for good, whichever door
 * they use: five wrong passwords in a row lock it (administrators included), the lock runs out by
 * itself, and five more lock it again. Every failure is in the application log and in the login log
 * ({@code login_event}); no password is in either. Time moves on the engine clock, never by sleeping.
 */
@ShuoshiTest
@ExtendWith(OutputCaptureExtension.class)
class AccountLockoutTest {

  static final String ITEM = "{\"villageCode\":\"LS14\",\"channel\":\"PHONE\",\"reporterName\":\"赵春花\","
      + "\"confidential\":false,\"type\":\"PROBLEM\",\"subject\":\"INFRASTRUCTURE\",\"title\":\"路灯不亮\","
      + "\"description\":\"村口路灯坏了。\"}";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired JdbcTemplate jdbc;
  @Autowired LedgerRepository ledger;
  TestUsers users;
  Instant now;

  @BeforeEach
  void freshUsersAndAClockToMove() {
    users = new TestUsers(identity, authorizations);
    now = Instant.now();
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    users.deleteAll();
  }

  void later(Duration by) {
    now = now.plus(by);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  int engineRest(String user, String password) {
    return Caller.basic(port, user, password).get("/engine-rest/task?maxResults=1").status();
  }

  List<String> outcomes(String user) {
    return jdbc.queryForList("select outcome from login_event where user_id = ? order by id", String.class, user);
  }

  List<Map<String, Object>> events(String user) {
    return jdbc.queryForList("select outcome, door, remote_address from login_event where user_id = ? order by id", user);
  }

  @Test
  void fiveWrongPasswordsLockAnAccountForTenMinutesAndARefusedLoginDoesNothing(CapturedOutput log) {
    String cadre = users.cadre("lock");
    String right = TestOrganisation.password(cadre);
    assertThat(engineRest(cadre, right)).isEqualTo(200);

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(engineRest(cadre, "Wrong-guess-" + attempt)).as("attempt " + attempt).isEqualTo(401);
    }
    // Locked: the right password is refused too, through every door.
    assertThat(engineRest(cadre, right)).isEqualTo(401);
    assertThat(identity.checkPassword(cadre, right)).isFalse();
    long items = ledger.countAll();
    var intake = Caller.basic(port, cadre, right).send("POST", "/api/matters", "application/json", ITEM);
    assertThat(intake.status()).isEqualTo(401);
    assertThat(ledger.countAll()).as("the refused call registered nothing").isEqualTo(items);

    later(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(engineRest(cadre, right)).isEqualTo(401);
    later(Duration.ofSeconds(2));
    assertThat(engineRest(cadre, right)).isEqualTo(200);

    // A successful HTTP Basic call is not logged (each request would be one); the rest is.
    assertThat(outcomes(cadre)).containsExactly("FAILED", "FAILED", "FAILED", "FAILED", "LOCKED",
        "REFUSED_LOCKED", "REFUSED_LOCKED", "REFUSED_LOCKED", "REFUSED_LOCKED");
    assertThat(events(cadre).get(0)).containsEntry("DOOR", "ENGINE_REST").containsEntry("REMOTE_ADDRESS", "127.0.0.1");
    assertThat(events(cadre)).extracting(e -> e.get("DOOR")).containsExactly("ENGINE_REST", "ENGINE_REST",
        "ENGINE_REST", "ENGINE_REST", "ENGINE_REST", "ENGINE_REST", "JAVA", "API", "ENGINE_REST");
    assertThat(log.getOut()).contains("login failed: user '" + cadre + "', wrong password (ENGINE_REST, from 127.0.0.1)")
        .contains("login failed: user '" + cadre + "', wrong password; account locked")
        .contains("login refused: user '" + cadre + "' is locked")
        .doesNotContain("Wrong-guess-").doesNotContain(right);
  }

  @Test
  void anAdministratorIsLockedTheSameWayAndNeverForGood() {
    String admin = users.administrator("lockadmin");
    String right = TestOrganisation.password(admin);

    // Ten failures at the webapps' login page: more than Camunda's permanent lock (loginMaxAttempts 10).
    for (int round = 1; round <= 2; round++) {
      Caller browser = Caller.browser(port, "default");
      for (int attempt = 1; attempt <= 5; attempt++) {
        assertThat(browser.logIn("default", "admin", admin, "Wrong-" + attempt).status()).isEqualTo(401);
      }
      assertThat(browser.logIn("default", "admin", admin, right).status()).as("round " + round).isEqualTo(401);
      assertThat(identity.createUserQuery().userId(admin).count()).isEqualTo(1);
      later(Duration.ofMinutes(10).plusSeconds(1));
    }

    Caller browser = Caller.browser(port, "default");
    var login = browser.logIn("default", "admin", admin, right);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().path("userId").asText()).isEqualTo(admin);
    assertThat(outcomes(admin)).containsExactly(
        "FAILED", "FAILED", "FAILED", "FAILED", "LOCKED", "REFUSED_LOCKED",
        "FAILED", "FAILED", "FAILED", "FAILED", "LOCKED", "REFUSED_LOCKED", "SUCCEEDED");
    assertThat(events(admin)).allSatisfy(e -> assertThat(e).containsEntry("DOOR", "WEBAPP_LOGIN"));
  }

  @Test
  void failuresAtEveryDoorCountTowardsTheSameLockAndASuccessStartsTheCountAgain() {
    String cadre = users.cadre("doors");
    String right = TestOrganisation.password(cadre);

    assertThat(engineRest(cadre, "Wrong-1")).isEqualTo(401);
    assertThat(engineRest(cadre, "Wrong-2")).isEqualTo(401);
    assertThat(engineRest(cadre, right)).isEqualTo(200); // a success: the count starts again
    assertThat(engineRest(cadre, "Wrong-3")).isEqualTo(401);
    assertThat(Caller.basic(port, cadre, "Wrong-4").get("/api/ledger?unit=LS14").status()).isEqualTo(401);
    assertThat(Caller.browser(port, "default").logIn("default", "tasklist", cadre, "Wrong-5").status()).isEqualTo(401);
    assertThat(identity.checkPassword(cadre, "Wrong-6")).isFalse();
    assertThat(engineRest(cadre, right)).as("four failures in a row: not locked yet").isEqualTo(200);

    for (int attempt = 7; attempt <= 11; attempt++) {
      assertThat(engineRest(cadre, "Wrong-" + attempt)).isEqualTo(401);
    }
    assertThat(Caller.browser(port, "default").logIn("default", "tasklist", cadre, right).status()).isEqualTo(401);
    assertThat(outcomes(cadre)).endsWith("LOCKED", "REFUSED_LOCKED");
    assertThat(jdbc.queryForList("select door from login_event where user_id = ? order by id", String.class, cadre))
        .startsWith("ENGINE_REST", "ENGINE_REST", "ENGINE_REST", "API", "WEBAPP_LOGIN", "JAVA");
  }

  @Test
  void anUnknownUserIsLoggedAndTheLoginLogCannotBeChanged(CapturedOutput log) {
    String nobody = TestUsers.newId("nobody");
    assertThat(engineRest(nobody, "Whatever-1!")).isEqualTo(401);
    assertThat(outcomes(nobody)).containsExactly("UNKNOWN_USER");
    assertThat(log.getOut()).contains("login failed: no user '" + nobody + "'").doesNotContain("Whatever-1!");
    // A user id with a line break cannot forge a log line.
    assertThat(engineRest(nobody + "\nforged line", "x")).isEqualTo(401);
    assertThat(log.getOut()).contains("no user '" + nobody + "?forged line'");

    // No API offers the login log; on PostgreSQL the database itself refuses to change or delete it.
    assertThat(Caller.anonymous(port).get("/v3/api-docs").body()).doesNotContain("login");
    String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    if ("PostgreSQL".equals(product)) {
      assertThatThrownBy(() -> jdbc.update("update login_event set outcome = 'SUCCEEDED' where user_id = ?", nobody))
          .rootCause().hasMessageContaining("append-only");
      assertThatThrownBy(() -> jdbc.update("delete from login_event where user_id = ?", nobody))
          .rootCause().hasMessageContaining("append-only");
      assertThatThrownBy(() -> jdbc.execute("truncate login_event")).rootCause().hasMessageContaining("append-only");
    }
    assertThat(outcomes(nobody)).containsExactly("UNKNOWN_USER");
  }
}
