package cn.shuoshi.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.security.Caller;
import cn.shuoshi.security.TestUsers;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.apache.catalina.startup.Tomcat;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * No page of the service can be framed by another site, whatever it is and whoever asks: the public
 * notice board, the printable rates page, Swagger UI, the webapps, both REST APIs, error pages. The
 * webapps' and the printable pages' own Content-Security-Policy stay as strict as they were. A
 * webapps' login ends after thirty idle minutes.
 */
@ShuoshiTest
class SecurityHeadersTest {

  static final String CADRE = "ls14_ganbu1";
  static final Pattern NO_FRAMING = Pattern.compile("frame-ancestors 'none'");

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired ServletWebServerApplicationContext server;
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

  static void assertNotFramable(String what, Caller.Answer answer) {
    assertThat(answer.all("X-Frame-Options")).as(what).containsExactly("DENY");
    List<String> policies = answer.all("Content-Security-Policy");
    assertThat(policies).as(what).hasSize(1);
    assertThat(NO_FRAMING.matcher(policies.get(0)).results().count()).as(what + ": " + policies).isEqualTo(1);
    assertThat(policies.get(0)).as(what).doesNotContain("frame-ancestors 'self'").doesNotContain("frame-ancestors *");
  }

  @Test
  void everyAnswerForbidsFramingForEverybody() {
    Caller anonymous = Caller.anonymous(port);
    Caller cadre = Caller.basic(port, CADRE, TestOrganisation.password(CADRE));
    for (String path : List.of("/board/villages/LS14", "/board/towns/LS?month=2026-05", "/v3/api-docs",
        "/swagger-ui/index.html", "/swagger-ui.html", "/actuator/health", "/camunda/app/tasklist/default/",
        "/camunda/app/welcome/default/", "/camunda/app/tasklist/scripts/config.js", "/", "/engine-rest/task",
        "/camunda/api/engine/engine/default/task/count", "/api/ledger?unit=LS14", "/no-such-page",
        "/board/villages/NOPE")) {
      assertNotFramable("anonymous " + path, anonymous.get(path));
    }
    for (String path : List.of("/api/rates/page?unit=LS&month=2026-05", "/api/rates?unit=LS&month=2026-05",
        "/api/ledger?unit=LS14", "/api/ledger?unit=LS15", "/engine-rest/task", "/engine-rest/task/nope",
        "/api/ledger/export.csv?unit=LS14")) {
      assertNotFramable(CADRE + " " + path, cadre.get(path));
    }
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", CADRE, TestOrganisation.password(CADRE)).status()).isEqualTo(200);
    for (String path : List.of("/camunda/app/tasklist/default/", "/camunda/api/engine/engine/default/filter",
        "/camunda/api/engine/engine/default/task/nope", "/camunda/api/admin/auth/user/default")) {
      assertNotFramable("webapp " + path, browser.get(path));
    }
  }

  @Test
  void theWebappsAndThePrintablePagesKeepTheirOwnStrictPolicy() {
    String webapp = Caller.anonymous(port).get("/camunda/app/tasklist/default/").header("Content-Security-Policy")
        .orElseThrow();
    assertThat(webapp).contains("default-src 'self'", "script-src 'nonce-", "object-src 'none'", "base-uri 'self'",
        "form-action 'self'", "sandbox allow-forms").doesNotContain("$NONCE");

    String rates = Caller.basic(port, CADRE, TestOrganisation.password(CADRE)).get("/api/rates/page?unit=LS&month=2026-05")
        .header("Content-Security-Policy").orElseThrow();
    assertThat(rates).contains("default-src 'none'", "style-src 'unsafe-inline'");
    String board = Caller.anonymous(port).get("/board/villages/LS14").header("Content-Security-Policy").orElseThrow();
    assertThat(board).contains("default-src 'none'");
  }

  @Test
  void aWebappsLoginSessionEndsAfterThirtyIdleMinutes() throws Exception {
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", CADRE, TestOrganisation.password(CADRE)).status()).isEqualTo(200);
    String sessionId = browser.cookie("JSESSIONID");
    assertThat(sessionId).isNotNull();

    Tomcat tomcat = ((TomcatWebServer) server.getWebServer()).getTomcat();
    Context webapp = (Context) tomcat.getHost().findChildren()[0];
    Session session = webapp.getManager().findSession(sessionId);
    assertThat(session).as("the login's session").isNotNull();
    assertThat(session.getSession().getAttribute("authenticatedUser")).as("it is the logged-in one").isNotNull();
    assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);
  }
}
