package cn.shuoshi.residentpage;

import static cn.shuoshi.api.HtmlPage.text;

import cn.shuoshi.api.HtmlPage;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The resident's pages as HTML: phone-sized (WeChat's built-in browser included), no scripts, nothing from
 * other sites, never cached, never framed, and no Referer leaves them (the link's token is in the address).
 */
final class ResidentPages {

  static final String STYLE = """
      <style>
      body { margin: 0; padding: 12px 14px 32px; font-size: 16px; line-height: 1.6; max-width: 640px; }
      h1 { font-size: 20px; text-align: left; }
      .box { border: 1px solid #ccc; border-radius: 8px; padding: 10px 12px; margin: 12px 0; background: #fafafa; }
      .box h2 { font-size: 17px; margin: 0 0 6px; }
      dl { margin: 0; } dt { color: #666; font-size: 14px; } dd { margin: 0 0 6px; }
      ol.story { padding-left: 20px; margin: 0; } ol.story li { margin-bottom: 6px; }
      .when { color: #666; font-size: 13px; display: block; }
      label.choice { display: block; padding: 10px; margin: 6px 0; border: 1px solid #bbb; border-radius: 6px; background: #fff; }
      textarea, input[type=text], input[type=tel], select { width: 100%; box-sizing: border-box; font-size: 16px; padding: 8px; }
      button { width: 100%; font-size: 18px; padding: 12px; margin-top: 10px; background: #c62828; color: #fff; border: 0; border-radius: 6px; }
      .ok { color: #1b5e20; font-weight: bold; } .err { color: #b00; }
      fieldset { border: 0; padding: 0; margin: 8px 0; } legend { padding: 0; }
      label { display: block; margin-top: 10px; } .link { word-break: break-all; }
      .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
      </style>
      """;

  private ResidentPages() {}

  static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", HtmlPage.POLICY + "; form-action 'self'")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .body(HtmlPage.document(title, STYLE + body));
  }

  /** One answer for an unknown, malformed and revoked link alike: nothing is learned from it. */
  static ResponseEntity<String> notFound() {
    return page(HttpStatus.NOT_FOUND, "页面不存在", "<h1>页面不存在</h1><p>链接无效或已失效。请核对短信中的链接，"
        + "或向村（社区）干部询问事项办理情况。</p>");
  }

  static ResponseEntity<String> tooMany() {
    return page(HttpStatus.TOO_MANY_REQUESTS, "访问过于频繁", "<h1>访问过于频繁</h1><p>请一分钟后再打开本页面。</p>");
  }

  static ResponseEntity<String> refused(HttpStatus status, String title, String reason) {
    return page(status, title, "<h1>" + text(title) + "</h1><p class=\"err\">" + text(reason) + "</p>");
  }
}
