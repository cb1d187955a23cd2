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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud SMS's {@code SendSms} on loopback, checking what the provider checks, with its own
 * implementation of the signature (not the service's): the action, version and format, the AccessKeyId,
 * signature method and version, a fresh nonce, a timestamp in UTC ISO form within 15 minutes, the signature
 * recomputed over the sorted, percent-encoded query, a mainland mobile number ({@code 1[3-9]} + 9 digits,
 * no {@code +86}), the approved signature name, a known template code, and a TemplateParam that has exactly
 * the template's variables. Answers as the provider does ({@code {"Code":"OK",…}} or its error codes) and
 * records each message it took. A test can make it fail: an HTTP status or an error code.
 */
final class AliyunSmsStandIn implements AutoCloseable {

  record Received(String phone, String templateCode, Map<String, String> parameters) {}

  static final String ACCESS_KEY_ID = "LTAI5tStandInKey";
  static final String ACCESS_KEY_SECRET = "standIn/Secret+Key=*~";
  static final String SIGN_NAME = "说事解题";
  private static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Set<String>> templates = new ConcurrentHashMap<>();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failStatus;
  private volatile String failCode;

  AliyunSmsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::sendSms);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** An approved template and its variables. */
  AliyunSmsStandIn template(String code, String... variables) {
    templates.put(code, Set.of(variables));
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<String> refusals() {
    return List.copyOf(refusals);
  }

  int requests() {
    return requests.get();
  }

  void failWithStatus(int status) {
    failStatus = status;
    failCode = null;
  }

  void failWithCode(String code) {
    failStatus = 0;
    failCode = code;
  }

  void reset() {
    received.clear();
    refusals.clear();
    requests.set(0);
    failStatus = 0;
    failCode = null;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void sendSms(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    if (!"GET".equals(exchange.getRequestMethod()) && !"POST".equals(exchange.getRequestMethod())) {
      answer(exchange, 405, "{}");
      return;
    }
    Map<String, String> query = new TreeMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    String problem = check(query);
    if (problem != null) {
      String code = problem.substring(0, problem.indexOf(' '));
      refusals.add(problem);
      answer(exchange, code.startsWith("isv.") ? 200 : 400, "{\"Code\":\"" + code + "\",\"Message\":\""
          + problem.substring(problem.indexOf(' ') + 1) + "\",\"RequestId\":\"stand-in\"}");
      return;
    }
    if (failStatus != 0) {
      answer(exchange, failStatus, "<html>ServiceUnavailable</html>");
      return;
    }
    if (failCode != null) {
      answer(exchange, 200, "{\"Code\":\"" + failCode + "\",\"Message\":\"stand-in failure\",\"RequestId\":\"s\"}");
      return;
    }
    Map<String, String> parameters = new TreeMap<>();
    JsonNode param = JSON.readTree(query.get("TemplateParam"));
    param.fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
    received.add(new Received(query.get("PhoneNumbers"), query.get("TemplateCode"), parameters));
    answer(exchange, 200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"9006197469364984^0\",\"RequestId\":\"s\"}");
  }

  /** What the provider would refuse, as "Code message"; null when it takes it. */
  private String check(Map<String, String> query) {
    if (!"SendSms".equals(query.get("Action")) || !"2017-05-25".equals(query.get("Version"))) {
      return "InvalidAction.NotFound Specified api is not found";
    }
    if (!"JSON".equals(query.get("Format"))) {
      return "InvalidParameter Format";
    }
    if (!ACCESS_KEY_ID.equals(query.get("AccessKeyId"))) {
      return "InvalidAccessKeyId.NotFound Specified access key is not found";
    }
    if (!"HMAC-SHA1".equals(query.get("SignatureMethod")) || !"1.0".equals(query.get("SignatureVersion"))) {
      return "InvalidParameter SignatureMethod";
    }
    String nonce = query.get("SignatureNonce");
    if (nonce == null || nonce.isBlank() || !nonces.add(nonce)) {
      return "SignatureNonceUsed Specified signature nonce was used already";
    }
    try {
      String timestamp = query.getOrDefault("Timestamp", "");
      if (!timestamp.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")) {
        return "InvalidTimeStamp.Format Specified time stamp or date value is not well formatted";
      }
      Instant at = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(timestamp));
      if (Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
        return "InvalidTimeStamp.Expired Specified time stamp or date value is expired";
      }
    } catch (DateTimeParseException e) {
      return "InvalidTimeStamp.Format Specified time stamp or date value is not well formatted";
    }
    String signature = query.get("Signature");
    Map<String, String> signed = new TreeMap<>(query);
    signed.remove("Signature");
    if (signature == null || !signature.equals(signature(signed))) {
      return "SignatureDoesNotMatch Specified signature is not matched with our calculation";
    }
    String phone = query.getOrDefault("PhoneNumbers", "");
    if (!MOBILE.matcher(phone).matches()) {
      return "isv.MOBILE_NUMBER_ILLEGAL 非法手机号";
    }
    if (!SIGN_NAME.equals(query.get("SignName"))) {
      return "isv.SMS_SIGNATURE_ILLEGAL 签名不合法";
    }
    Set<String> variables = templates.get(query.get("TemplateCode"));
    if (variables == null) {
      return "isv.SMS_TEMPLATE_ILLEGAL 模板不合法";
    }
    Set<String> given = new HashSet<>();
    try {
      JsonNode param = JSON.readTree(query.getOrDefault("TemplateParam", ""));
      if (param == null || !param.isObject()) {
        return "isv.INVALID_JSON_PARAM JSON参数不合法";
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = param.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        given.add(e.getKey());
        if (!e.getValue().isTextual() || e.getValue().asText().codePointCount(0, e.getValue().asText().length()) > 35) {
          return "isv.PARAM_LENGTH_LIMIT 参数超出长度限制";
        }
      }
    } catch (IOException e) {
      return "isv.INVALID_JSON_PARAM JSON参数不合法";
    }
    if (!given.equals(variables)) {
      return "isv.TEMPLATE_MISSING_PARAMETERS 模板变量缺少对应参数值";
    }
    return null;
  }

  /** The provider's signature, written out here on its own: sorted, encoded, "GET&%2F&…", HMAC-SHA1. */
  private static String signature(Map<String, String> sorted) {
    StringBuilder canonical = new StringBuilder();
    sorted.forEach((k, v) -> canonical.append(canonical.isEmpty() ? "" : "&").append(encode(k)).append('=')
        .append(encode(v)));
    String toSign = "GET&" + encode("/") + "&" + encode(canonical.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((ACCESS_KEY_SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3986: unreserved characters as they are, every other UTF-8 byte as %XX (upper case). */
  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
