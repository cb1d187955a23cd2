package cn.shuoshi.web;

import cn.shuoshi.api.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last line for {@code /api}, {@code /engine-rest} and {@code /board}: whatever escaped the
 * controllers and the login filter (which asks the database for the password) becomes a short JSON
 * problem — 503 with Retry-After while the database is unreachable, 500 otherwise — never a stack
 * trace or an HTML error page. The full exception goes to the log.
 */
public class ServiceErrorFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceErrorFilter.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      boolean outage = DatabaseOutage.isOutage(e);
      if (outage) {
        LOG.warn("{} {}: database unreachable ({})", request.getMethod(), request.getRequestURI(), rootMessage(e));
      } else {
        LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
      }
      response.resetBuffer();
      if (outage) {
        response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        write(response, 503, "urn:shuoshi:problem:database-unavailable", DatabaseOutage.TITLE, DatabaseOutage.DETAIL);
      } else {
        write(response, 500, "urn:shuoshi:problem:internal-error", "服务内部错误",
            "服务处理请求时出错，本次操作未完成；请稍后重试，如仍出错请联系系统管理员");
      }
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  static void write(HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // "message" as well, for clients of the engine REST API, which reads that field.
    response.getWriter().write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\",\"message\":\"" + detail + "\"}");
    response.flushBuffer();
  }
}
