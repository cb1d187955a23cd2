package cn.shuoshi.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP as the service's users send it, without anything done for them: HTTP Basic for the REST APIs,
 * and for the webapps a browser's session (its cookies and the CSRF token the login page hands out).
 * Redirects are not followed, so a test sees them.
 */
public final class Caller {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private final String base;
  private final String basicUser;
  private final String basicPassword;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  private Caller(int port, String user, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.basicUser = user;
    this.basicPassword = password;
  }

  /** Nobody logged in. */
  public static Caller anonymous(int port) {
    return new Caller(port, null, null);
  }

  /** A client of the engine REST API or the service's API with HTTP Basic. */
  public static Caller basic(int port, String user, String password) {
    return new Caller(port, user, password);
  }

  /** A browser at the webapps' login page, not logged in yet (it holds the CSRF cookie). */
  public static Caller browser(int port, String engine) {
    Caller browser = new Caller(port, null, null);
    browser.send("GET", "/camunda/app/tasklist/" + engine + "/", null, null);
    return browser;
  }

  /** The webapps' login form: username and password to {@code …/login/{app}}. */
  public Answer logIn(String engine, String app, String user, String password) {
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send("POST", "/camunda/api/admin/auth/user/" + engine + "/login/" + app,
        "application/x-www-form-urlencoded", form);
  }

  public Answer get(String path) {
    return send("GET", path, null, null);
  }

  public Answer json(String method, String path, Object body) {
    try {
      return send(method, path, "application/json", body == null ? null : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public Answer send(String method, String path, String contentType, String body) {
    HttpResponse<String> response = exchange(method, path, contentType, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }

  /** Sends a file's bytes (an upload); the answer as text. */
  public Answer upload(String path, String contentType, byte[] content) {
    HttpResponse<String> response = exchange("POST", path, contentType, HttpRequest.BodyPublishers.ofByteArray(content),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }

  /** Reads a file: its bytes as sent. */
  public HttpResponse<byte[]> download(String path) {
    return exchange("GET", path, null, HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private <T> HttpResponse<T> exchange(String method, String path, String contentType,
      HttpRequest.BodyPublisher body, HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.header("Accept", "application/json, text/html;q=0.9, */*;q=0.8");
    if (basicUser != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
    }
    if (!cookies.isEmpty()) {
      request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .toList()));
    }
    if (cookies.containsKey("XSRF-TOKEN")) {
      request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    try {
      HttpResponse<T> response = HTTP.send(request.build(), handler);
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One answer: status, headers, body. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {

    public Optional<String> header(String name) {
      return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
          .flatMap(h -> h.getValue().stream()).findFirst();
    }

    public List<String> all(String name) {
      return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
          .flatMap(h -> h.getValue().stream()).toList();
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
