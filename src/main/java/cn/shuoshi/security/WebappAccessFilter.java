package cn.shuoshi.security;

import cn.shuoshi.security.account.PasswordChangeGate;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * In front of the webapps ({@code /camunda/*}), before Camunda's own filters:
 * <ul>
 *   <li>what Camunda leaves open to anonymous callers beyond the login itself is closed: the password
 *       rules answer 401 without a login, and the first-administrator setup is refused to everybody (the
 *       administrator comes from {@code camunda.bpm.admin-user}). The list of engines
 *       ({@code /api/engine/engine/}, names only) stays open: the login page cannot log in without it
 *       (tried in TasklistBrowserTest: the login stops at its 401);</li>
 *   <li>a logged-in user who must change the password gets only what changing it needs
 *       ({@link PasswordChangeGate}); a page load of the Tasklist, Cockpit or Admin goes to the Welcome
 *       app, where the password is changed.</li>
 * </ul>
 */
public class WebappAccessFilter implements Filter {

  private static final Pattern LOGIN_NEEDED = Pattern.compile("^/api/engine/engine/[^/]+/identity/password-policy$");
  private static final Pattern SETUP = Pattern.compile("^/api/admin/setup/.*");

  private final String webappPath;
  private final PasswordChangeGate gate;

  public WebappAccessFilter(String webappPath, PasswordChangeGate gate) {
    this.webappPath = webappPath;
    this.gate = gate;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    String uri = PasswordChangeGate.servedPath(req);
    if (!uri.startsWith(webappPath + "/")) {
      chain.doFilter(request, response);
      return;
    }
    String path = uri.substring(webappPath.length());
    if (SETUP.matcher(path).matches()) {
      answer(resp, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "初始管理员由系统配置创建，不能在此创建用户");
      return;
    }
    if (!gate.concerns(path)) {
      chain.doFilter(request, response); // the apps' files (scripts, styles, locales), the Welcome pages
      return;
    }
    UserAuthentication user = loggedIn(req);
    if (user == null) {
      if (LOGIN_NEEDED.matcher(path).matches()) {
        answer(resp, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "请先登录");
        return;
      }
    } else if (gate.mustChangePassword(user.getIdentityId())) {
      String decision = gate.webapp(req, path, user.getIdentityId(), user.getProcessEngineName());
      if (decision != null && !decision.isEmpty() && "GET".equals(req.getMethod())) {
        resp.sendRedirect(decision);
        return;
      }
      if (decision != null) {
        gate.refuse(req, resp, user.getIdentityId(), user.getProcessEngineName(), false);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** The first user logged in on this session (the webapps keep one per engine; the service runs one). */
  private static UserAuthentication loggedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications.getAuthentications().stream().filter(a -> a.getIdentityId() != null).findFirst().orElse(null);
  }

  private static void answer(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }
}
