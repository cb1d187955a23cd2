package cn.shuoshi.security;

import cn.shuoshi.security.account.PasswordChangeGate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's HTTP Basic filter for {@code /engine-rest} and {@code /api}, with two changes: every path
 * needs a login, {@code /engine-rest/engine} (the list of engines, which Camunda leaves open) included;
 * and a user who must change the password may only change it ({@link PasswordChangeGate}).
 */
public class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  private final PasswordChangeGate gate;
  private final ProcessEngine serviceEngine;

  /** {@code serviceEngine}: the engine of this service, the one {@code /api} and an engine-less path log into. */
  public EngineRestAuthenticationFilter(PasswordChangeGate gate, ProcessEngine serviceEngine) {
    this.gate = gate;
    this.serviceEngine = serviceEngine;
  }

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  /**
   * A path that names no engine ({@code /api/…}, "/engine/") logs into this service's own engine ("default"
   * in a county's service).
   */
  @Override
  protected String extractEngineName(String requestUrl) {
    String name = requestUrl.startsWith("/engine/") ? super.extractEngineName(requestUrl) : "";
    return name.isEmpty() ? serviceEngine.getName() : name;
  }

  /**
   * This service's engine itself, not whatever a JVM-wide registry holds under its name: a test run has
   * several Spring contexts, each with an engine, and the registry's answer was another context's
   * (whose accounts and passwords are not these).
   */
  @Override
  protected ProcessEngine getAddressedEngine(String engineName) {
    return serviceEngine.getName().equals(engineName) ? serviceEngine : super.getAddressedEngine(engineName);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String engineName = extractEngineName(pathWithinServlet(req));
    super.doFilter(request, response, (in, out) -> {
      // super has logged the caller in; refuse here, before the call reaches the engine or a controller.
      ProcessEngine engine = getAddressedEngine(engineName);
      Authentication caller = engine == null ? null : engine.getIdentityService().getCurrentAuthentication();
      if (caller != null && gate.mustChangePassword(caller.getUserId())) {
        boolean api = req.getServletPath().startsWith("/api");
        String served = req.getPathInfo() == null ? "" : req.getPathInfo(); // decoded, no "." or ".." segments
        if (api || !gate.engineRestAllowed(req.getMethod(), served, caller.getUserId())) {
          gate.refuse(req, (HttpServletResponse) out, caller.getUserId(), engine.getName(), api);
          return;
        }
      }
      chain.doFilter(in, out);
    });
  }

  private String pathWithinServlet(HttpServletRequest req) {
    String servletPath = servletPathPrefix != null ? servletPathPrefix : req.getServletPath();
    return req.getRequestURI().substring(req.getContextPath().length() + servletPath.length());
  }
}
