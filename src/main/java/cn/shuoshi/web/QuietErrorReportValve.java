package cn.shuoshi.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error page, for what fails before the application sees it (a malformed URL, a broken
 * request line): a short Chinese page with the status only, never the exception, a stack trace or the
 * server version ({@code showReport} and {@code showServerInfo} off as well); and not to be framed,
 * like every other page.
 */
public class QuietErrorReportValve extends ErrorReportValve {

  public QuietErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own: only an error nobody has answered yet, and only while the connection can take it.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    response.setHeader(SecurityHeadersFilter.FRAME_OPTIONS, "DENY");
    String policy = response.getHeader(SecurityHeadersFilter.CSP);
    response.setHeader(SecurityHeadersFilter.CSP,
        policy == null ? SecurityHeadersFilter.NO_FRAMING : SecurityHeadersFilter.withoutFraming(policy));
    try {
      response.setContentType("text/html");
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>出错了 · 说事解题</title>"
            + "</head><body><h1>出错了（" + status + "）</h1><p>" + ErrorAnswers.defaultMessage(status)
            + "</p></body></html>");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the answer already started: nothing more to say.
    }
  }
}
