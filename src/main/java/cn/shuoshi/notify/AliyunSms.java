package cn.shuoshi.notify;

import cn.shuoshi.settings.ShuoshiSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * SMS through Alibaba Cloud SMS (阿里云短信), the documented RPC API {@code SendSms} (version 2017-05-25):
 * a GET to the endpoint with {@code PhoneNumbers}, {@code SignName}, {@code TemplateCode}, {@code TemplateParam}
 * (JSON) and the common parameters, signed with signature version 1.0: {@code Signature} =
 * Base64(HMAC-SHA1(AccessKeySecret + "&", "GET&%2F&" + percentEncode(canonical query))), the canonical query
 * being the parameters sorted by name, each name and value percent-encoded as {@link #percentEncode} says.
 * Taken when the answer's {@code Code} is {@code OK}.
 *
 * <p>The recipient is never a phone number: {@code resident:<item number>} names the item whose resident
 * gave their mobile number, read from the ledger ({@code matter.reporter_phone}) when the message is sent,
 * sent to the provider and nowhere else — not to the outbox, not to a log, not to an error text. Only a
 * mainland mobile number ({@code 1[3-9]} and nine digits, without {@code +86}) is sent; anything else FAILS
 * the message at once. The text is the provider's approved template (its code per message template in the
 * settings), filled with the message's parameters, each cut to the provider's 35 characters. A link
 * ({@link Outbox#LINK}) goes as its last part only, the token: providers want a link's address fixed in
 * the approved template (e.g. {@code https://shuoshi.example.cn/r/${link}}), and the whole address would
 * not fit the 35 characters anyway.
 */
@Component("aliyunSms")
public class AliyunSms implements Channel {

  public static final String ID = "SMS";
  /** The recipient prefix for a resident: the item's number follows. */
  public static final String RESIDENT = "resident:";

  public static final Pattern MAINLAND_MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
  /** The provider's longest value of a template variable (notifications). */
  static final int MAX_PARAMETER = 35;
  private static final DateTimeFormatter UTC_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(java.time.ZoneOffset.UTC);
  /** The provider's answers that another attempt cannot change. */
  private static final Set<String> PERMANENT = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL",
      "isv.SMS_SIGNATURE_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS",
      "isv.BLACK_KEY_CONTROL_LIMIT", "isv.PARAM_LENGTH_LIMIT", "isv.AMOUNT_NOT_ENOUGH", "InvalidAccessKeyId.NotFound",
      "SignatureDoesNotMatch");

  private final ShuoshiSettings.Notify settings;
  private final ResidentPhones phones;
  private final ObjectMapper json;
  private final HttpClient http;
  /** The real time: the provider refuses a timestamp far from its own (the engine clock may be moved). */
  private final Clock clock = Clock.systemUTC();

  public AliyunSms(ShuoshiSettings settings, ResidentPhones phones, ObjectMapper json) {
    this.settings = settings.notifications();
    this.phones = phones;
    this.json = json;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(this.settings.timeout()).build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void send(OutboundMessage message) throws DeliveryFailed {
    ShuoshiSettings.Sms sms = settings.sms();
    if (!sms.isConfigured()) {
      throw new DeliveryFailed("短信渠道未配置", true);
    }
    // Map keys from the settings may arrive in lower case (environment variables): matched either way.
    String templateCode = sms.templateCodes().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(message.templateId())).map(Map.Entry::getValue).findFirst()
        .orElse(null);
    if (templateCode == null || templateCode.isBlank()) {
      throw new DeliveryFailed("消息模板 " + message.templateId() + " 未配置短信模板编号", true);
    }
    String phone = phone(message.recipient())
        .orElseThrow(() -> new DeliveryFailed("收信人 " + message.recipient() + " 没有可用的大陆手机号", true));
    Map<String, String> query = new TreeMap<>();
    query.put("Action", "SendSms");
    query.put("Version", "2017-05-25");
    query.put("Format", "JSON");
    query.put("AccessKeyId", sms.accessKeyId());
    query.put("SignatureMethod", "HMAC-SHA1");
    query.put("SignatureVersion", "1.0");
    query.put("SignatureNonce", UUID.randomUUID().toString());
    query.put("Timestamp", UTC_ISO.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    query.put("PhoneNumbers", phone);
    query.put("SignName", sms.signName());
    query.put("TemplateCode", templateCode);
    query.put("TemplateParam", templateParam(message.parameters()));
    String canonical = canonicalQuery(query);
    String signature = sign("GET", canonical, sms.accessKeySecret());
    URI uri = URI.create(endpoint(sms.endpoint()) + "?Signature=" + percentEncode(signature) + "&" + canonical);
    HttpResponse<String> answer;
    try {
      answer = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", "application/json")
          .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryFailed("无法连接短信服务：" + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailed("发送被中断");
    }
    JsonNode result;
    try {
      result = json.readTree(answer.body());
    } catch (IOException e) {
      throw new DeliveryFailed("短信服务答复 HTTP " + answer.statusCode() + "，不是 JSON");
    }
    String code = result == null ? "" : result.path("Code").asText("");
    if (answer.statusCode() == 200 && "OK".equals(code)) {
      return;
    }
    // The provider's message may echo the request (the number): only its code is kept.
    throw new DeliveryFailed("短信服务拒收：HTTP " + answer.statusCode() + (code.isEmpty() ? "" : "，Code " + code),
        PERMANENT.contains(code));
  }

  /** The resident's mobile number for {@code resident:<item>}, in the form the provider takes, if any. */
  Optional<String> phone(String recipient) {
    if (recipient == null || !recipient.startsWith(RESIDENT)) {
      return Optional.empty();
    }
    return phones.of(recipient.substring(RESIDENT.length())).flatMap(AliyunSms::mainlandMobile);
  }

  /** {@code 139 1234 5678}, {@code +86-13912345678} → {@code 13912345678}; anything else is no mobile number. */
  public static Optional<String> mainlandMobile(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String digits = raw.replaceAll("[\\s\\-()]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    } else if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2);
    }
    return MAINLAND_MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }

  private String templateParam(Map<String, String> parameters) throws DeliveryFailed {
    Map<String, String> cut = new LinkedHashMap<>();
    parameters.forEach((name, given) -> {
      String value = Outbox.LINK.equals(name) && given != null ? given.substring(given.lastIndexOf('/') + 1) : given;
      cut.put(name, value == null ? ""
        : value.codePointCount(0, value.length()) <= MAX_PARAMETER ? value
        : value.substring(0, value.offsetByCodePoints(0, MAX_PARAMETER - 1)) + "…");
    });
    try {
      return json.writeValueAsString(cut);
    } catch (IOException e) {
      throw new DeliveryFailed("短信参数无法编码为 JSON", true);
    }
  }

  private static String endpoint(String configured) {
    return configured.endsWith("/") ? configured : configured + "/";
  }

  /** The parameters sorted by name, {@code name=value} percent-encoded, joined by {@code &}. */
  public static String canonicalQuery(Map<String, String> parameters) {
    return new TreeMap<>(parameters).entrySet().stream()
        .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** Base64(HMAC-SHA1(secret + "&", method + "&%2F&" + percentEncode(canonicalQuery))). */
  public static String sign(String method, String canonicalQuery, String secret) {
    String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /**
   * The provider's percent-encoding: UTF-8 URL encoding, then {@code +} → {@code %20}, {@code *} →
   * {@code %2A}, {@code %7E} → {@code ~} (letters, digits, {@code -_.~} stay as they are).
   */
  public static String percentEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }
}
