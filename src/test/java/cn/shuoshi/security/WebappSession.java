package cn.shuoshi.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's conversation with the webapps (Tasklist, Cockpit, Admin): a session cookie from the
 * login form and the CSRF token the webapps require on every change, sent the way their JavaScript
 * sends it. Calls then reach the webapps' own engine API ({@code /camunda/api/engine/engine/default})
 * as the logged-in user.
 */
final class WebappSession {

  static final String ENGINE_API = "/camunda/api/engine/engine/default";

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  record Answer(int status, String body) {}

  private WebappSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** An anonymous browser that has opened the Tasklist (it holds a CSRF token, no login). */
  static WebappSession anonymous(int port) {
    WebappSession session = new WebappSession(port);
    session.send("GET", "/camunda/app/tasklist/default/", null, null);
    return session;
  }

  /** Logs in through the webapps' login form, into {@code app} (tasklist or cockpit). */
  static WebappSession login(int port, String user, String password, String app) {
    WebappSession session = anonymous(port);
    Answer login = session.send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    if (login.status() != 200) {
      throw new IllegalStateException(user + " could not log into " + app + ": " + login);
    }
    // The login starts a new session (session fixation protection); the webapps' next read of who
    // is logged in hands out that session's CSRF token, as it does in the browser.
    Answer me = session.send("GET", "/camunda/api/admin/auth/user/default", null, null);
    if (me.status() != 200) {
      throw new IllegalStateException(user + " is not logged in after the login: " + me);
    }
    return session;
  }

  Answer call(String method, String path, String json) {
    return send(method, path, json, json == null ? null : "application/json");
  }

  private Answer send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json, text/plain, */*");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    String token = csrfToken();
    if (token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  private String csrfToken() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).orElse(null);
  }
}
