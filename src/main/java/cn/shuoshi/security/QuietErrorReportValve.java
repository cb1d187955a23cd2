package cn.shuoshi.security;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page, for what fails before the application sees it (a malformed URL, a broken
 * request line): the status only, no exception, no stack trace, no server version; and not to be
 * framed, like every other page.
 */
public class QuietErrorReportValve extends ErrorReportValve {

  public QuietErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentWritten() == 0) {
      response.setHeader(SecurityHeadersFilter.FRAME_OPTIONS, "DENY");
      String policy = response.getHeader(SecurityHeadersFilter.CSP);
      response.setHeader(SecurityHeadersFilter.CSP,
          policy == null ? SecurityHeadersFilter.NO_FRAMING : SecurityHeadersFilter.withoutFraming(policy));
    }
    super.report(request, response, throwable);
  }
}
