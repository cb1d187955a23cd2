package cn.shuoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Passwords have at least 8 characters with a letter, a digit and a symbol, do not contain the user id
 * or name, and are none of the user's last five. The Admin and Welcome apps list the rules in Chinese;
 * a refused password is a 400 naming the rules, and changes nothing.
 */
@ShuoshiTest
class PasswordPolicyTest {

  static final String APP = "META-INF/resources/webjars/camunda/app/";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired JdbcTemplate jdbc;
  TestUsers users;

  @BeforeEach
  void freshUsers() {
    users = new TestUsers(identity, authorizations);
  }

  @AfterEach
  void cleanUp() {
    users.deleteAll();
  }

  Caller as(String user) {
    return Caller.basic(port, user, TestOrganisation.password(user));
  }

  static Map<String, Object> newUser(String id, String password) {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("id", id);
    profile.put("firstName", "王小明");
    profile.put("lastName", "");
    profile.put("email", "wangxm@example.cn");
    return Map.of("profile", profile, "credentials", Map.of("password", password));
  }

  @Test
  void theWebappsListTheRulesInChinese() throws Exception {
    String cadre = users.cadre("rules");
    JsonNode policy = as(cadre).get("/engine-rest/identity/password-policy").json();
    Map<String, JsonNode> rules = new LinkedHashMap<>();
    policy.path("rules").forEach(r -> rules.put(r.path("placeholder").asText(), r.path("parameter")));
    assertThat(rules.keySet()).containsExactly("PASSWORD_POLICY_USER_DATA", "PASSWORD_POLICY_LENGTH",
        "PASSWORD_POLICY_LETTER", "PASSWORD_POLICY_DIGIT", "PASSWORD_POLICY_SPECIAL", "PASSWORD_POLICY_HISTORY");
    assertThat(rules.get("PASSWORD_POLICY_LENGTH").path("minLength").asText()).isEqualTo("8");
    assertThat(rules.get("PASSWORD_POLICY_HISTORY").path("count").asText()).isEqualTo("5");

    // Each rule has its Chinese text where the rules are shown: Admin (users) and Welcome (own password).
    for (String app : List.of("admin", "welcome")) {
      JsonNode labels;
      try (InputStream in = new ClassPathResource(APP + app + "/locales/zh.json").getInputStream()) {
        labels = new ObjectMapper().readTree(in).path("labels");
      }
      for (String placeholder : rules.keySet()) {
        assertThat(labels.path(placeholder).asText()).as(app + " " + placeholder).containsPattern("[\\u4e00-\\u9fff]");
      }
      assertThat(labels.path("PASSWORD_POLICY_HISTORY").asText()).contains("{{count}}");
    }
  }

  @Test
  void anAdministratorCannotGiveAWeakPasswordAndARefusalCreatesNobody() {
    String admin = users.administrator("pwadmin");
    String id = TestUsers.newId("wxm");
    users.forget(id);
    Map<String, String> weak = new LinkedHashMap<>();
    weak.put("Ab1!xyz", "7 characters");
    weak.put("Abcdefg!x", "no digit");
    weak.put("12345678!", "no letter");
    weak.put("Abcd12345", "no symbol");
    weak.put("Xx-" + id + "-1", "contains the user id");
    weak.put("王小明2026!!", "contains the name");
    weak.put("wangxm@example.cn1!", "contains the e-mail address");
    for (Map.Entry<String, String> password : weak.entrySet()) {
      Caller.Answer refused = as(admin).json("POST", "/engine-rest/user/create", newUser(id, password.getKey()));
      assertThat(refused.status()).as(password.getValue()).isEqualTo(400);
      assertThat(refused.json().path("type").asText()).isEqualTo("PasswordRefused");
      assertThat(refused.json().path("message").asText()).as(password.getValue())
          .isEqualTo("新密码不符合密码规则：至少 8 个字符，须同时包含字母、数字和符号，不得包含用户名、姓名或电子邮箱，"
              + "不得与最近 5 次使用过的密码相同");
      assertThat(identity.createUserQuery().userId(id).count()).as(password.getValue()).isZero();
    }
    assertThat(jdbc.queryForObject("select count(*) from password_history where user_id = ?", Integer.class, id)).isZero();

    // Chinese letters and full-width symbols count as letters and symbols.
    assertThat(as(admin).json("POST", "/engine-rest/user/create", newUser(id, "说事解题2026！")).status()).isEqualTo(204);
    assertThat(identity.checkPassword(id, "说事解题2026！")).isTrue();
  }

  @Test
  void aNewPasswordMayNotBeOneOfTheLastFive() {
    String cadre = users.cadre("history");
    List<String> passwords = new ArrayList<>(List.of(TestOrganisation.password(cadre)));
    for (int n = 1; n <= 4; n++) {
      passwords.add(change(cadre, passwords.get(n - 1), "Mima-" + n + "-new!"));
    }
    String current = passwords.get(4);
    // The last five (the current one included) are refused, through the owner's change and an administrator's reset.
    for (String old : passwords) {
      Caller.Answer refused = Caller.basic(port, cadre, current).json("PUT", "/engine-rest/user/" + cadre + "/credentials",
          Map.of("password", old, "authenticatedUserPassword", current));
      assertThat(refused.status()).as(old).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).contains("不得与最近 5 次使用过的密码相同");
    }
    String admin = users.administrator("histadmin");
    assertThat(as(admin).json("PUT", "/engine-rest/user/" + cadre + "/credentials",
        Map.of("password", passwords.get(0), "authenticatedUserPassword", TestOrganisation.password(admin))).status())
        .isEqualTo(400);
    assertThat(identity.checkPassword(cadre, current)).as("refusals changed nothing").isTrue();
    assertThat(jdbc.queryForObject("select count(*) from password_history where user_id = ?", Integer.class, cadre))
        .isEqualTo(5);

    // A sixth password pushes the first one out of the last five.
    change(cadre, current, "Mima-5-new!");
    change(cadre, "Mima-5-new!", passwords.get(0));
    assertThat(identity.checkPassword(cadre, passwords.get(0))).isTrue();
  }

  @Test
  void theLiveCheckTellsOnlyTheOwnerAboutTheirRecentPasswords() {
    String cadre = users.cadre("live");
    String current = TestOrganisation.password(cadre);
    Map<String, Object> check = Map.of("password", current, "profile", Map.of("id", cadre));

    // The Welcome app checks the owner's new password as they type it: their current one is refused.
    JsonNode own = as(cadre).json("POST", "/engine-rest/identity/password-policy", check).json();
    assertThat(own.path("valid").asBoolean()).isFalse();
    assertThat(violated(own)).containsExactly("PASSWORD_POLICY_HISTORY");

    // Anybody else learns nothing about somebody's passwords without a login attempt that counts.
    String other = users.cadre("curious");
    JsonNode theirs = as(other).json("POST", "/engine-rest/identity/password-policy", check).json();
    assertThat(violated(theirs)).isEmpty();
    assertThat(Caller.anonymous(port).json("POST", "/camunda/api/engine/engine/default/identity/password-policy", check)
        .status()).isEqualTo(401);
  }

  static List<String> violated(JsonNode result) {
    List<String> violated = new ArrayList<>();
    result.path("rules").forEach(r -> {
      if (!r.path("valid").asBoolean()) {
        violated.add(r.path("placeholder").asText());
      }
    });
    return violated;
  }

  String change(String user, String from, String to) {
    Caller.Answer changed = Caller.basic(port, user, from).json("PUT", "/engine-rest/user/" + user + "/credentials",
        Map.of("password", to, "authenticatedUserPassword", from));
    assertThat(changed.status()).as(changed.body()).isEqualTo(204);
    return to;
  }
}
