package cn.shuoshi.security;

import cn.shuoshi.security.account.LoginContext;
import cn.shuoshi.security.account.LoginDoor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Tells the identity provider through which door a password comes and from which address, for the
 * login log: the webapps' login page, elsewhere in the webapps, HTTP Basic on the engine REST API or
 * on the service's API. The address is the connection's (behind a reverse proxy: the proxy's, unless
 * {@code server.forward-headers-strategy} is set).
 */
public class LoginDoorFilter implements Filter {

  private final String webappPath;
  private final Pattern webappLogin;

  public LoginDoorFilter(String webappPath) {
    this.webappPath = webappPath;
    this.webappLogin = Pattern.compile("^" + Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+$");
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String path = req.getRequestURI().substring(req.getContextPath().length());
    LoginDoor door;
    if (path.startsWith(webappPath + "/")) {
      door = webappLogin.matcher(path).matches() ? LoginDoor.WEBAPP_LOGIN : LoginDoor.WEBAPP;
    } else if (path.startsWith("/engine-rest/") || path.equals("/engine-rest")) {
      door = LoginDoor.ENGINE_REST;
    } else {
      door = LoginDoor.API;
    }
    LoginContext.enter(door, req.getRemoteAddr());
    try {
      chain.doFilter(request, response);
    } finally {
      LoginContext.leave();
    }
  }
}
