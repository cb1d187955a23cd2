package cn.shuoshi.api;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The service's few server-rendered pages (notice board, rates): plain HTML with print styles for A4,
 * no scripts and nothing from other sites. Every text that comes from the database goes through
 * {@link #text}, because residents type titles.
 */
public final class HtmlPage {

  private static final String STYLE = """
      body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 24px; color: #222; }
      h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
      .sub { text-align: center; color: #555; margin: 0 0 12px; font-size: 13px; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th, td { border: 1px solid #555; padding: 4px 6px; text-align: left; vertical-align: top; }
      th { background: #eee; }
      td.num { text-align: right; }
      .late { color: #b00; font-weight: bold; }
      .foot { margin-top: 12px; font-size: 12px; color: #555; }
      @page { size: A4; margin: 15mm 12mm; }
      @media print { body { margin: 0; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        tr { page-break-inside: avoid; } thead { display: table-header-group; } }
      """;

  private HtmlPage() {}

  /** Escapes text for HTML element content and attribute values. */
  public static String text(String value) {
    return value == null ? "" : HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
  }

  /** A whole page; {@code title} is escaped here, {@code body} must already be safe HTML. */
  public static ResponseEntity<String> of(String title, String body) {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .body(document(title, body));
  }

  /** Nothing on these pages needs a script, a frame or another site. */
  public static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

  /** The page's HTML; {@code title} is escaped here, {@code body} must already be safe HTML. */
  public static String document(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + text(title) + "</title><style>" + STYLE + "</style></head><body>\n" + body + "\n</body></html>\n";
  }
}
