package cn.shuoshi.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the engine REST API and the webapps' API may tell a user when something fails: a JSON object
 * {@code {type, message, …}} whose message is Chinese and names no Java class, no expression and no
 * SQL. The service's own answers (400 refused submission, 403, 409 lost race, 503 database) pass as
 * they are, minus English wrappers the engine puts around them ("Cannot submit task form …: 共有…");
 * an English engine message is replaced by a Chinese one for its status, and an exception class as
 * {@code type} by a neutral code. {@code AuthorizationException} stays: the webapps' scripts show their
 * own localized access-denied text for it.
 */
public final class ErrorAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHINESE = Pattern.compile("[\\u3400-\\u9fff\\uf900-\\ufaff]");
  /** A Java class (a.b.C), an exception, an expression, SQL or a stack frame. */
  private static final Pattern INTERNALS = Pattern.compile(
      "\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*"
          + "|Exception|Throwable|\\$\\{|#\\{|\\bACT_[A-Z]{2}_|SQL|\\bselect\\b.+\\bfrom\\b|\\binsert\\s+into\\b"
          + "|\\bupdate\\b.+\\bset\\b|\\bdelete\\s+from\\b|\\bat\\s+[a-z]+\\.[a-z]", Pattern.CASE_INSENSITIVE);
  /** An error type that is one of our own codes (no exception class). */
  private static final Pattern OWN_CODE = Pattern.compile("[A-Z][A-Za-z]{1,40}");
  /** English engine messages a user meets in normal use, in Chinese. */
  private static final Map<String, String> KNOWN = Map.of(
      "The given authenticated user password is not valid.", "当前密码不正确，密码未修改",
      "Password does not match policy", "新密码不符合密码规则");
  /** Our own exceptions that reach the REST layer with their class name as type. */
  private static final Map<String, String> OWN_EXCEPTIONS = Map.of("PasswordRefusedException", "PasswordRefused",
      "ModelNotAllowedException", "ModelNotAllowed");
  /**
   * The service's own answers, worded for their reader: a refused model names the attribute to use
   * instead ({@code camunda:delegateExpression="${名称}"}), which is guidance, not the engine's internals.
   */
  private static final java.util.Set<String> WORDED = java.util.Set.of("ModelNotAllowed");

  private ErrorAnswers() {}

  /** The answer to send instead of {@code body} for an error {@code status}, or null to keep it. */
  public static byte[] rewrite(int status, byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException notJson) {
      answer = null;
    }
    if (!(answer instanceof ObjectNode object)) {
      return neutral(status);
    }
    boolean changed = false;
    JsonNode type = object.get("type");
    String kept = type != null && type.isTextual() ? ownType(type.asText()) : null;
    if (kept == null) {
      object.put("type", neutralType(status));
      changed = true;
    } else if (!kept.equals(type.asText())) {
      object.put("type", kept);
      changed = true;
    }
    if (!object.hasNonNull("message")) {
      object.put("message", object.hasNonNull("detail") ? object.get("detail").asText() : defaultMessage(status));
      changed = true;
    }
    if (kept != null && WORDED.contains(kept) && isChinese(object.path("message").asText())) {
      return changed ? write(object, status) : null;
    }
    changed |= clean(object, status, null);
    return changed ? write(object, status) : null;
  }

  private static byte[] write(ObjectNode object, int status) {
    try {
      return JSON.writeValueAsBytes(object);
    } catch (IOException e) {
      return neutral(status);
    }
  }

  /** Every "message", "detail" and "title" anywhere in the answer (a deployment's parse errors are nested). */
  private static boolean clean(JsonNode node, int status, String key) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        boolean text = field.getValue().isTextual();
        if (text && (field.getKey().equals("message") || field.getKey().equals("detail"))) {
          String message = message(field.getValue().asText(), status);
          if (!message.equals(field.getValue().asText())) {
            field.setValue(JSON.getNodeFactory().textNode(message));
            changed = true;
          }
        } else if (text && field.getKey().equals("title") && !isChinese(field.getValue().asText())) {
          field.setValue(JSON.getNodeFactory().textNode(defaultTitle(status)));
          changed = true;
        } else if (field.getKey().equals("fieldErrors") || field.getKey().equals("errors")) {
          continue; // ours: field name → Chinese message
        } else {
          changed |= clean(field.getValue(), status, field.getKey());
        }
      }
    } else if (node instanceof ArrayNode array) {
      // Lists of messages (a migration's "failures"); lists of ids stay as they are.
      boolean messages = "failures".equals(key) || "messages".equals(key);
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (messages && element.isTextual() && !message(element.asText(), status).equals(element.asText())) {
          array.set(i, JSON.getNodeFactory().textNode(message(element.asText(), status)));
          changed = true;
        } else {
          changed |= clean(element, status, key);
        }
      }
    }
    return changed;
  }

  /** A message a user may read: ours without the engine's English wrapper, else Chinese for the status. */
  static String message(String message, int status) {
    String known = KNOWN.get(message.trim());
    if (known != null) {
      return known;
    }
    var chinese = CHINESE.matcher(message);
    if (!chinese.find()) {
      return defaultMessage(status);
    }
    String prefix = message.substring(0, chinese.start());
    int wrapper = prefix.lastIndexOf(": ");
    String own = wrapper >= 0 ? message.substring(wrapper + 2) : message;
    return INTERNALS.matcher(own).find() ? defaultMessage(status) : own;
  }

  static String ownType(String type) {
    if (OWN_EXCEPTIONS.containsKey(type)) {
      return OWN_EXCEPTIONS.get(type);
    }
    if (type.equals("AuthorizationException") || type.startsWith("urn:shuoshi:")) {
      return type;
    }
    return OWN_CODE.matcher(type).matches() && !type.endsWith("Exception") && !type.endsWith("Error") ? type : null;
  }

  static String neutralType(int status) {
    return switch (status) {
      case 400 -> "InvalidRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 406 -> "NotAcceptable";
      case 409 -> "Conflict";
      case 413 -> "PayloadTooLarge";
      case 415 -> "UnsupportedMediaType";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> status >= 500 ? "ServerError" : "InvalidRequest";
    };
  }

  static String defaultMessage(int status) {
    return switch (status) {
      case 400 -> "请求有误，未能执行；请检查提交的内容后重试";
      case 401 -> "请先登录";
      case 403 -> "您没有执行此操作的权限";
      case 404 -> "未找到所请求的内容，可能已被删除或地址有误";
      case 405 -> "不支持该请求方式";
      case 406 -> "不支持所请求的内容格式";
      case 409 -> "数据已被他人修改，本次操作未生效，请刷新后重试";
      case 413 -> "提交的内容过大";
      case 415 -> "不支持该内容类型，请以 JSON 提交";
      case 429 -> "请求过于频繁，请稍后重试";
      case 503 -> "服务暂时不可用，本次操作未执行，请稍后重试";
      default -> status >= 500 ? "服务内部错误，本次操作未完成；请稍后重试，如仍出错请联系系统管理员"
          : "请求未能执行，请检查后重试";
    };
  }

  private static String defaultTitle(int status) {
    return status >= 500 ? "服务内部错误" : "请求未能执行";
  }

  private static boolean isChinese(String text) {
    return CHINESE.matcher(text).find();
  }

  private static byte[] neutral(int status) {
    try {
      return JSON.writeValueAsBytes(Map.of("type", neutralType(status), "message", defaultMessage(status)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
