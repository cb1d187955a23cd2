package cn.shuoshi.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * No page of the service may be framed by another site (clickjacking): every response carries
 * {@code X-Frame-Options: DENY} and a Content-Security-Policy with {@code frame-ancestors 'none'}. A
 * policy set further down (the webapps' own, the printable pages') is kept as it is and only gets its
 * frame-ancestors directive made {@code 'none'}; a response without one gets just that directive, which
 * restricts nothing else. Runs first, for requests and error dispatches alike.
 */
public class SecurityHeadersFilter implements Filter {

  static final String CSP = "Content-Security-Policy";
  static final String FRAME_OPTIONS = "X-Frame-Options";
  static final String NO_FRAMING = "frame-ancestors 'none'";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader(FRAME_OPTIONS, "DENY");
    if (http.getHeader(CSP) == null) {
      http.setHeader(CSP, NO_FRAMING);
    }
    chain.doFilter(request, new NoFraming(http));
  }

  /** {@code policy} with its frame-ancestors directive, if any, replaced by {@code frame-ancestors 'none'}. */
  static String withoutFraming(String policy) {
    List<String> directives = new ArrayList<>();
    for (String directive : policy.split(";")) {
      String trimmed = directive.trim();
      if (!trimmed.isEmpty() && !trimmed.toLowerCase(Locale.ROOT).startsWith("frame-ancestors")) {
        directives.add(trimmed);
      }
    }
    directives.add(NO_FRAMING);
    return String.join("; ", directives);
  }

  /** Keeps both headers in force whatever is set after this filter. */
  static final class NoFraming extends HttpServletResponseWrapper {

    NoFraming(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, guarded(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
      if (CSP.equalsIgnoreCase(name) && NO_FRAMING.equals(getHeader(CSP))) {
        // Only this filter's placeholder so far: the page's own policy replaces it.
        super.setHeader(name, guarded(name, value));
      } else if (FRAME_OPTIONS.equalsIgnoreCase(name)) {
        super.setHeader(FRAME_OPTIONS, "DENY");
      } else {
        super.addHeader(name, guarded(name, value));
      }
    }

    @Override
    public void reset() {
      super.reset();
      super.setHeader(FRAME_OPTIONS, "DENY");
      super.setHeader(CSP, NO_FRAMING);
    }

    private static String guarded(String name, String value) {
      if (CSP.equalsIgnoreCase(name)) {
        return value == null ? NO_FRAMING : withoutFraming(value);
      }
      if (FRAME_OPTIONS.equalsIgnoreCase(name)) {
        return "DENY";
      }
      return value;
    }
  }
}
