package cn.shuoshi.reports.tasklist;

import static cn.shuoshi.api.HtmlPage.text;

import cn.shuoshi.reports.ItemStory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The printable pages of 事项经过 and 我经手的事项: every text from the ledger escaped ({@code text}). */
final class StoryPages {

  private StoryPages() {}

  static String story(ItemStory.Story s) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>事项经过</h1><p class=\"sub\">").append(text(s.number())).append("　").append(text(s.title()))
        .append("</p><table><tbody>")
        .append(row("村（社区）", s.village())).append(row("事项类型", join(s.type(), s.subject())))
        .append(row("当前状态", s.state())).append(row("登记时间", s.registeredAt()))
        .append(row("办理期限", s.deadline())).append(row("办理结果", s.outcome()))
        .append("</tbody></table><h2 style=\"font-size:16px\">办理经过</h2>")
        .append("<table><thead><tr><th>时间</th><th>经办人</th><th>环节</th><th>决定</th><th>说明</th></tr></thead><tbody>");
    for (ItemStory.Line line : s.lines()) {
      html.append("<tr><td>").append(text(line.at())).append("</td><td>").append(text(line.actor()))
          .append("</td><td>").append(text(line.what())).append("</td><td>").append(text(line.decision()))
          .append("</td><td>").append(text(line.note())).append("</td></tr>");
    }
    if (s.lines().isEmpty()) {
      html.append("<tr><td colspan=\"5\">暂无记录</td></tr>");
    }
    html.append("</tbody></table>").append(files(s.files()));
    return html.append("<p class=\"foot\">来自说事解题台账。打印请使用浏览器的打印功能（Ctrl+P）。</p>")
        .toString();
  }

  /** The item's photos (shown) and documents (linked), each with its step, who and when; links relative to the page. */
  static String files(List<ItemStory.File> files) {
    if (files.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<h2 style=\"font-size:16px\">照片和文件</h2><div>");
    for (ItemStory.File f : files) {
      String link = text("files/" + f.id());
      html.append("<figure style=\"display:inline-block;vertical-align:top;margin:0 12px 12px 0;width:220px\">");
      if (f.inPage()) {
        html.append("<a href=\"").append(link).append("\"><img src=\"").append(link).append("\" alt=\"")
            .append(text(f.name())).append("\" style=\"max-width:220px;max-height:165px\"></a>");
      } else {
        html.append("<a href=\"").append(link).append("\">").append(text(f.name())).append("</a>");
      }
      html.append("<figcaption style=\"font-size:12px\">").append(text(f.step())).append("　")
          .append(text(f.actor())).append("　").append(text(f.at())).append("<br>").append(text(f.kind())).append("　")
          .append(text(f.size())).append(f.isPublic() ? "　已公开到公示栏" : "").append("</figcaption></figure>");
    }
    return html.append("</div>").toString();
  }

  static String mine(List<ItemStory.Mine> items) {
    StringBuilder html = new StringBuilder("<h1>我经手的事项</h1><p class=\"sub\">我登记、办理、核实或经手过的事项，最新的在前</p>"
        + "<table><thead><tr><th>编号</th><th>标题</th><th>村（社区）</th><th>登记时间</th><th>我的环节</th>"
        + "<th>当前状态</th></tr></thead><tbody>");
    for (ItemStory.Mine item : items) {
      String link = "../item/" + URLEncoder.encode(item.number(), StandardCharsets.UTF_8) + "/page";
      html.append("<tr><td>").append(item.readable()
              ? "<a href=\"" + text(link) + "\">" + text(item.number()) + "</a>"
              : text(item.number()) + "（由镇里跟办）")
          .append("</td><td>").append(text(item.title())).append("</td><td>").append(text(item.village()))
          .append("</td><td>").append(text(item.registeredAt())).append("</td><td>").append(text(item.part()))
          .append("</td><td>").append(text(item.state()))
          .append("</td></tr>");
    }
    if (items.isEmpty()) {
      html.append("<tr><td colspan=\"6\">还没有经手过的事项</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static String row(String label, String value) {
    return "<tr><th style=\"width:8em\">" + text(label) + "</th><td>" + (value == null || value.isBlank() ? "—"
        : text(value)) + "</td></tr>";
  }

  private static String join(String a, String b) {
    return (a == null ? "" : a) + (b == null || b.isBlank() ? "" : " · " + b);
  }
}
