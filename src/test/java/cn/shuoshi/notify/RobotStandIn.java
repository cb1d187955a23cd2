package cn.shuoshi.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WeCom and DingTalk group robots on loopback, checking what the providers check: the robot's key
 * or access token, for a signed DingTalk robot a timestamp within an hour of now and its HMAC signature,
 * a POSTed JSON text message with some content. Answers as they do (HTTP 200 with {@code errcode}) and
 * records every message it took. A test can make it fail: an HTTP status, or a non-zero errcode; or
 * hold its answers ({@link #holdAnswers()}): a message is taken (recorded) and its answer waits until
 * {@link #releaseAnswers()}, so the sender is mid-send (the cluster test kills a node then). Public for
 * that test ({@code reliability.cluster}); each request is served on a thread of its own.
 */
public final class RobotStandIn implements AutoCloseable {

  public record Received(String channel, String robot, String content) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Set<String> weComKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, String> dingTalkSecrets = new ConcurrentHashMap<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failStatus;
  private volatile int failErrcode;
  private final List<Received> held = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger lostAnswers = new AtomicInteger();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "robot-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private volatile CountDownLatch hold;

  public RobotStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cgi-bin/webhook/send", this::weCom);
    server.createContext("/robot/send", this::dingTalk);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * From now on every message is taken (in {@link #received()}) but its answer waits until
   * {@link #releaseAnswers()} (or 60 s at most).
   */
  public void holdAnswers() {
    hold = new CountDownLatch(1);
  }

  /** The held answers go out, and answers are not held any more. */
  public void releaseAnswers() {
    CountDownLatch latch = hold;
    hold = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  /** The messages taken whose answers are being held right now. */
  public List<Received> held() {
    synchronized (held) {
      return List.copyOf(held);
    }
  }

  /** Answers that could not be written (the sender had gone). */
  public int lostAnswers() {
    return lostAnswers.get();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String weComWebhook(String key) {
    weComKeys.add(key);
    return base() + "/cgi-bin/webhook/send?key=" + key;
  }

  String dingTalkWebhook(String token, String secret) {
    dingTalkSecrets.put(token, secret);
    return base() + "/robot/send?access_token=" + token;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  List<String> refusals() {
    return List.copyOf(refusals);
  }

  public int requests() {
    return requests.get();
  }

  void failWithStatus(int status) {
    failStatus = status;
    failErrcode = 0;
  }

  void failWithErrcode(int errcode) {
    failStatus = 0;
    failErrcode = errcode;
  }

  void reset() {
    received.clear();
    refusals.clear();
    requests.set(0);
    failStatus = 0;
    failErrcode = 0;
  }

  @Override
  public void close() {
    releaseAnswers();
    server.stop(0);
    threads.shutdownNow();
  }

  private void weCom(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> query = query(exchange);
    String key = query.get("key");
    if (key == null || !weComKeys.contains(key)) {
      refuse(exchange, 93000, "invalid webhook url");
      return;
    }
    take(exchange, "WECOM", key);
  }

  private void dingTalk(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> query = query(exchange);
    String token = query.get("access_token");
    if (token == null || !dingTalkSecrets.containsKey(token)) {
      refuse(exchange, 300001, "token is not exist");
      return;
    }
    String secret = dingTalkSecrets.get(token);
    long timestamp;
    try {
      timestamp = Long.parseLong(query.getOrDefault("timestamp", ""));
    } catch (NumberFormatException e) {
      refuse(exchange, 310000, "sign not match: no timestamp");
      return;
    }
    if (Math.abs(System.currentTimeMillis() - timestamp) > 3_600_000L) {
      refuse(exchange, 310000, "sign not match: timestamp out of range");
      return;
    }
    if (!DingTalkRobot.sign(timestamp, secret).equals(query.get("sign"))) {
      refuse(exchange, 310000, "sign not match");
      return;
    }
    take(exchange, "DINGTALK", token);
  }

  private void take(HttpExchange exchange, String channel, String robot) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      answer(exchange, 405, "{}");
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      refuse(exchange, 40008, "invalid message type: not json");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    } catch (IOException e) {
      refuse(exchange, 40008, "invalid json");
      return;
    }
    JsonNode content = body == null ? null : body.path("text").path("content");
    if (body == null || !"text".equals(body.path("msgtype").asText()) || content == null || !content.isTextual()
        || content.asText().isBlank()) {
      refuse(exchange, 44004, "empty content or wrong msgtype");
      return;
    }
    if (failStatus != 0) {
      answer(exchange, failStatus, "<html>server error</html>");
      return;
    }
    if (failErrcode != 0) {
      answer(exchange, 200, "{\"errcode\":" + failErrcode + ",\"errmsg\":\"api freq out of limit\"}");
      return;
    }
    Received message = new Received(channel, robot, content.asText());
    received.add(message);
    CountDownLatch latch = hold;
    if (latch != null) {
      held.add(message);
      try {
        latch.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        held.remove(message);
      }
    }
    try {
      answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    } catch (IOException senderGone) {
      lostAnswers.incrementAndGet();
    }
  }

  private void refuse(HttpExchange exchange, int errcode, String message) throws IOException {
    refusals.add(errcode + " " + message);
    exchange.getRequestBody().readAllBytes();
    answer(exchange, 200, "{\"errcode\":" + errcode + ",\"errmsg\":\"" + message + "\"}");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
