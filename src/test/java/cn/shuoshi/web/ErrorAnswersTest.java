package cn.shuoshi.web;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Caller;
import cn.shuoshi.security.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a cadre's client reads when a call fails, on the engine REST API and on the webapps' API
 * alike: JSON {type, message} with a Chinese message and no Java class, no exception, no expression
 * and no SQL in it; the service's own Chinese answers stay as they are, without the engine's English
 * around them. Tomcat's own error page and Spring's show no exception and no server version either.
 */
@ShuoshiTest
class ErrorAnswersTest {

  static final String CADRE = "ls14_ganbu1";
  static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
  static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

  @LocalServerPort int port;
  @Autowired MatterSteps steps;
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

  /** A failure as a user may read it; returns the answer's JSON. */
  static JsonNode assertFitForAUser(String what, Caller.Answer answer, int status) {
    assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(status);
    JsonNode json = answer.json();
    String type = json.path("type").asText();
    assertThat(type).as(what).matches("[A-Za-z]+|urn:shuoshi:problem:[a-z-]+");
    if (!type.equals("AuthorizationException")) {
      assertThat(type).as(what).doesNotEndWith("Exception");
    }
    String message = json.path("message").asText();
    assertThat(message).as(what).containsPattern(CHINESE);
    String rest = answer.body().replace("\"type\":\"AuthorizationException\"", "");
    assertThat(rest).as(what).doesNotContain("Exception", "${", "#{", "org.camunda", "java.", "ACT_", "SQL")
        .doesNotContainPattern(CLASS_NAME);
    return json;
  }

  static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((k, v) -> typed.put(k, Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String")));
    return Map.of("variables", typed);
  }

  @Test
  void typicalEngineErrorsReadTheSameOnBothApis() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS14"));
    String task = steps.task(item, CLASSIFY_MATTER).getId();

    Caller rest = Caller.basic(port, CADRE, TestOrganisation.password(CADRE));
    Caller webapp = Caller.browser(port, "default");
    assertThat(webapp.logIn("default", "tasklist", CADRE, TestOrganisation.password(CADRE)).status()).isEqualTo(200);
    webapp.get("/camunda/api/admin/auth/user/default"); // the next CSRF token, as the Tasklist fetches it
    Map<String, Caller> apis = new LinkedHashMap<>();
    apis.put("/engine-rest", rest);
    apis.put("/camunda/api/engine/engine/default", webapp);

    for (Map.Entry<String, Caller> api : apis.entrySet()) {
      String base = api.getKey();
      Caller caller = api.getValue();
      assertFitForAUser(base + " bad sortBy", caller.get(base + "/task?sortBy=nonsense&sortOrder=asc"), 400);
      assertFitForAUser(base + " bad date", caller.get(base + "/task?dueAfter=not-a-date"), 400);
      assertFitForAUser(base + " malformed id", caller.get(base + "/process-instance/%20no%20such%20id%20"), 404);
      assertFitForAUser(base + " unknown variable type", caller.json("POST", base + "/task/" + task + "/submit-form",
          Map.of("variables", Map.of("x", Map.of("value", "a", "type", "NoSuchType")))), 400);
      // The webapps' API keeps Camunda's statuses (a 500 here); the engine REST API answers ours.
      assertFitForAUser(base + " missing task", caller.json("POST", base + "/task/no-such-task/submit-form",
          variables(Forms.classify("VILLAGE", CADRE))), caller == rest ? 404 : 500);
      // Correlating a message is no modelled path (ModelledPathGuard): refused in Chinese before it runs.
      JsonNode message = assertFitForAUser(base + " message", caller.json("POST", base + "/message",
          Map.of("messageName", "noSuchMessage")), 403);
      assertThat(message.path("message").asText()).contains("只能通过表单");
      JsonNode denied = assertFitForAUser(base + " no permission", caller.json("PUT", base + "/task/" + task,
          Map.of("name", "改名", "due", "2099-01-01T00:00:00.000+0800")), 403);
      assertThat(denied.path("type").asText()).isEqualTo("AuthorizationException");
      assertThat(denied.path("message").asText()).contains("只能通过表单");

      // Our own answer to a refused submission: the Chinese message, without "Cannot submit task form …: ".
      JsonNode refused = assertFitForAUser(base + " refused submission", caller.json("POST",
          base + "/task/" + task + "/submit-form", variables(Map.of())), 400);
      assertThat(refused.path("message").asText()).startsWith("提交未通过校验：").doesNotContain("Cannot");
    }
    assertThat(steps.task(item, CLASSIFY_MATTER).getId()).as("refused calls changed nothing").isEqualTo(task);
    assertThat(steps.task(item, CLASSIFY_MATTER).getDueDate().getYear()).isLessThan(199);
  }

  @Test
  void tomcatsAndSpringsErrorPagesShowNoExceptionAndNoVersion() throws IOException {
    String raw;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /camunda/%zz HTTP/1.1\r\nHost: localhost\r\nAccept-Language: zh-CN\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("X-Frame-Options: DENY")
        .contains("出错了（400）", "请求有误").doesNotContain("Tomcat", "Exception", "java.", "at org.", "HTTP Status");

    for (String path : List.of("/no-such-page", "/no-such-page?trace=true", "/error")) {
      Caller.Answer html = Caller.anonymous(port).send("GET", path, null, null);
      assertThat(html.body()).as(path).doesNotContain("Exception", "trace", "java.", "Whitelabel");
    }
  }
}
