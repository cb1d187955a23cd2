package cn.shuoshi.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The one place where error answers of the engine REST API ({@code /engine-rest}) and of the webapps'
 * API ({@code /camunda/api}, Camunda's own exception mappers) are made fit for a user to read
 * ({@link ErrorAnswers}). Only answers with an error status are held back and rewritten; every other
 * answer streams through untouched.
 */
public class ErrorAnswerFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    Capture capture = new Capture(http);
    chain.doFilter(request, capture);
    if (request.isAsyncStarted()) {
      capture.passThrough(); // answered later (long polling): not held back
    } else {
      capture.finish(cn.shuoshi.forms.InvalidSubmissionException.notedFor(request));
    }
  }

  /** Holds back the body of an error answer (status ≥ 400 when the first byte is written). */
  static final class Capture extends HttpServletResponseWrapper {

    private final HttpServletResponse response;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private Boolean holding;
    private ServletOutputStream stream;
    private PrintWriter writer;

    Capture(HttpServletResponse response) {
      super(response);
      this.response = response;
    }

    private boolean holding() {
      if (holding == null) {
        holding = getStatus() >= 400;
      }
      return holding;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (writer != null) {
        throw new IllegalStateException("getWriter() has already been called");
      }
      return stream();
    }

    private ServletOutputStream stream() {
      if (stream == null) {
        stream = new ServletOutputStream() {
          @Override
          public void write(int b) throws IOException {
            if (holding()) {
              held.write(b);
            } else {
              response.getOutputStream().write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (holding()) {
              held.write(b, off, len);
            } else {
              response.getOutputStream().write(b, off, len);
            }
          }

          @Override
          public void flush() throws IOException {
            if (holding != null && !holding) {
              response.getOutputStream().flush();
            }
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("no asynchronous writes here");
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        writer = new PrintWriter(new OutputStreamWriter(stream(), charset));
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (writer != null) {
        writer.flush();
      }
      if (!(holding == null ? getStatus() >= 400 : holding)) {
        super.flushBuffer();
      }
    }

    @Override
    public void resetBuffer() {
      held.reset();
      holding = null;
      super.resetBuffer();
    }

    @Override
    public void reset() {
      held.reset();
      holding = null;
      super.reset();
    }

    void passThrough() throws IOException {
      if (holding == null) {
        holding = false;
      } else if (holding) {
        finish(null);
        holding = false;
      }
    }

    /**
     * Sends what was held back, rewritten where needed. A refused submission answered by Camunda's own
     * mappers (the webapps' API) gets the body the engine REST API gives it: every field with its reason.
     */
    void finish(cn.shuoshi.forms.InvalidSubmissionException refused) throws IOException {
      if (writer != null) {
        writer.flush();
      }
      if (holding == null || !holding) {
        return;
      }
      byte[] body = held.toByteArray();
      if (refused != null && response.getStatus() == 400) {
        body = new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsBytes(SubmissionAwareJerseyConfig.invalidSubmission(refused));
      }
      byte[] answer = ErrorAnswers.rewrite(response.getStatus(), body);
      if (answer == null) {
        answer = body;
      } else {
        String type = response.getContentType();
        response.setContentType(type != null && type.startsWith("application/problem+json")
            ? "application/problem+json;charset=UTF-8" : "application/json;charset=UTF-8");
      }
      response.setContentLength(answer.length);
      response.getOutputStream().write(answer);
      response.flushBuffer();
    }
  }
}
