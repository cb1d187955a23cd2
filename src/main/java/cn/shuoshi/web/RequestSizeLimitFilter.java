package cn.shuoshi.web;

import cn.shuoshi.api.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than a limit with 413 before anything parses them: a form or an item
 * is a few kilobytes, a body of megabytes is a mistake or an attack. Bodies without Content-Length
 * (chunked) are counted while they are read; past the limit the read fails and the request is refused.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  public RequestSizeLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(response);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, maxBytes);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (limited.exceeded && !response.isCommitted()) {
        response.resetBuffer();
        tooLarge(response);
        return;
      }
      throw e;
    }
    if (limited.exceeded && !response.isCommitted()) {
      response.resetBuffer();
      tooLarge(response);
    }
  }

  /** Refuses the request: a problem in JSON (the APIs); the resident's page answers a Chinese page instead. */
  protected void tooLarge(HttpServletResponse response) throws IOException {
    ServiceErrorFilter.write(response, 413, ApiProblems.INVALID_INPUT, "提交的内容过大",
        "请求内容超过" + (maxBytes / 1024) + " KB 的上限，请精简后重新提交");
  }

  /** As the API's limit, answered with a Chinese HTML page (the resident's page, a phone's browser). */
  public static RequestSizeLimitFilter withPage(long maxBytes) {
    return new RequestSizeLimitFilter(maxBytes) {
      @Override
      protected void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", cn.shuoshi.api.HtmlPage.POLICY);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(cn.shuoshi.api.HtmlPage.document("提交的内容过多",
            "<h1>提交的内容过多</h1><p>提交的内容超过" + (maxBytes / 1024) + " KB 的上限，请精简后重新提交。</p>")
            .getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;
    boolean exceeded;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          long count;

          private void add(long n) throws IOException {
            count += Math.max(n, 0);
            if (count > maxBytes) {
              exceeded = true;
              throw new IOException("request body larger than " + maxBytes + " bytes");
            }
          }

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              add(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            add(n);
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8.name() : encoding));
    }
  }
}
