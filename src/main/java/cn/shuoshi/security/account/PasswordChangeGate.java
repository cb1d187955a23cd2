package cn.shuoshi.security.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * While a user must change the password ({@link Accounts#mustChangePassword}), their requests are
 * refused with a 403 that says where to change it, except what changing it needs: the webapps' login,
 * logout and "who am I", the Welcome app's pages and what they load (own profile and groups, the
 * password rules), the password change itself ({@code PUT …/user/{me}/credentials}) in the webapps and
 * on the engine REST API. A page load of the Tasklist, Cockpit or Admin goes to the Welcome app.
 */
@Component
public class PasswordChangeGate {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordChangeGate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String TYPE = "PasswordChangeRequired";
  /** Tells the webapps' scripts (and any client) that the answer is this gate's, and where to go. */
  public static final String HEADER = "X-Shuoshi-Password-Change";

  private static final Pattern APP_PAGE = Pattern.compile("^/app/(tasklist|cockpit|admin)/(?:([^/]+)/)?$");
  private static final Pattern ENGINE_PREFIX = Pattern.compile("^/engine/[^/]+(/.*)$");

  /** The webapps' API calls a user who must change the password may still make (method, path after the app path). */
  private static final List<Rule> WEBAPP_API = List.of(
      new Rule("GET", "^/api/admin/auth/user/[^/]+$", false),
      new Rule("POST", "^/api/admin/auth/user/[^/]+/(login/[^/]+|logout)$", false),
      new Rule("GET", "^/api/engine/engine/?$", false),
      new Rule("GET|POST", "^/api/engine/engine/[^/]+/identity/password-policy$", false),
      new Rule("PUT", "^/api/engine/engine/[^/]+/user/([^/]+)/credentials$", true),
      new Rule("GET", "^/api/engine/engine/[^/]+/user/([^/]+)/profile$", true),
      new Rule("GET", "^/api/[a-z]+/plugin/[^/]+/static/.*$", false));
  private static final Pattern OWN_GROUPS = Pattern.compile("^/api/engine/engine/[^/]+/group(/count)?$");

  /** The same on the engine REST API (path after /engine-rest, without /engine/{name}). */
  private static final List<Rule> ENGINE_REST = List.of(
      new Rule("PUT", "^/user/([^/]+)/credentials$", true),
      new Rule("GET|POST", "^/identity/password-policy$", false));

  private final Accounts accounts;
  private final String webappPath;

  public PasswordChangeGate(Accounts accounts,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    this.accounts = accounts;
    this.webappPath = webappPath;
  }

  public boolean mustChangePassword(String userId) {
    return accounts.mustChangePassword(userId);
  }

  /**
   * The path the container serves (decoded, without "." and ".." segments), within the context: the
   * request URI itself may hold "…/profile/../../task", which would pass for an allowed path.
   */
  public static String servedPath(HttpServletRequest request) {
    return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
  }

  /** Where a user who must change the password does it: the Welcome app of their engine. */
  public String welcomePage(String engine) {
    return webappPath + "/app/welcome/" + UriUtils.encodePathSegment(engine, StandardCharsets.UTF_8) + "/#/welcome";
  }

  /** Whether a webapps' path is one the gate decides on: the API and the apps' pages, not their files. */
  public boolean concerns(String path) {
    return path.startsWith("/api/") || APP_PAGE.matcher(path).matches();
  }

  /**
   * For a webapps' request (its {@link #servedPath served path} after the webapps' path) of a user who
   * must change the password: null if it may pass, else the
   * app page to send them to (for a page load), or "" for a refusal.
   */
  public String webapp(HttpServletRequest request, String path, String userId, String engine) {
    Matcher page = APP_PAGE.matcher(path);
    if (page.matches()) {
      return welcomePage(page.group(2) != null ? page.group(2) : engine);
    }
    if (!path.startsWith("/api/")) {
      return null; // the apps' scripts, styles and locales, the Welcome app's own pages
    }
    if (allowed(WEBAPP_API, request.getMethod(), path, userId)) {
      return null;
    }
    if ("GET".equals(request.getMethod()) && OWN_GROUPS.matcher(path).matches()
        && userId.equals(request.getParameter("member"))) {
      return null; // the Welcome app's profile lists the user's own groups
    }
    return "";
  }

  /** For an engine REST call (served path after /engine-rest) of a user who must change the password. */
  public boolean engineRestAllowed(String method, String path, String userId) {
    Matcher named = ENGINE_PREFIX.matcher(path);
    return allowed(ENGINE_REST, method, named.matches() ? named.group(1) : path, userId);
  }

  /** The refusal: 403, JSON, in Chinese, naming where to change the password. */
  public void refuse(HttpServletRequest request, HttpServletResponse response, String userId, String engine,
      boolean problemJson) throws IOException {
    LOG.info("refused {} {} of user '{}': the password must be changed first", request.getMethod(),
        request.getRequestURI(), LoginEvents.printable(userId));
    String welcome = welcomePage(engine);
    String message = "您须先修改密码才能继续使用：请打开“首页”（" + welcome + "）点击“修改密码”；"
        + "使用接口的程序请调用 PUT /engine-rest/user/" + userId + "/credentials 修改密码";
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setHeader(HEADER, welcome);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String body;
    if (problemJson) {
      response.setContentType("application/problem+json");
      body = json(Map.of("type", "urn:shuoshi:problem:password-change-required", "title", "须先修改密码",
          "status", 403, "detail", message, "message", message));
    } else {
      response.setContentType("application/json");
      body = json(Map.of("type", TYPE, "message", message));
    }
    response.getWriter().write(body);
  }

  private static String json(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean allowed(List<Rule> rules, String method, String path, String userId) {
    for (Rule rule : rules) {
      if (!method.matches(rule.methods())) {
        continue;
      }
      Matcher m = rule.path().matcher(path);
      if (m.matches() && (!rule.ownOnly() || userId.equals(m.group(1)))) {
        return true;
      }
    }
    return false;
  }

  private record Rule(String methods, Pattern path, boolean ownOnly) {
    Rule(String methods, String path, boolean ownOnly) {
      this(methods, Pattern.compile(path), ownOnly);
    }
  }
}
