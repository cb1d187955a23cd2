package cn.shuoshi.reports;

import static cn.shuoshi.api.HtmlPage.text;

import cn.shuoshi.api.HtmlPage;
import cn.shuoshi.attachments.Attachments;
import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.reports.ReportParameters.Scope;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public notice board (公开栏) of a village or town for a month: every item open during the month
 * with its title, subject, responsible unit, deadline and state, for anybody to read and for the
 * village office to print on A4. Nothing about the reporter, no text of a confidential item, and no
 * petition or complaint about a cadre at all ({@link LedgerRow#isSensitive()}).
 */
@RestController
@RequestMapping("/board")
public class NoticeBoardController {

  static final String CONFIDENTIAL_TITLE = "（应反映人要求保密，不予公开）";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final ReportParameters parameters;
  private final LedgerQueries queries;
  private final Org org;
  private final Attachments attachments;

  public NoticeBoardController(ReportParameters parameters, LedgerQueries queries, Org org, Attachments attachments) {
    this.parameters = parameters;
    this.queries = queries;
    this.org = org;
    this.attachments = attachments;
  }

  /** A photo a cadre put on the board ({@link Attachments#publicPhoto}); anything else is not found. */
  @GetMapping("/photos/{number}/{id}")
  public ResponseEntity<byte[]> photo(@PathVariable String number, @PathVariable long id) {
    // The board's small copy (Attachments: without the phone's metadata); asked again on every view, so a
    // photo taken off the board is gone at once, not after a cache's hour.
    return attachments.publicPhoto(number, id)
        .map(photo -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "default-src 'none'; sandbox")
            .header("Cache-Control", "no-cache").body(photo.bytes()))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping(value = "/villages/{code}", produces = "text/html")
  public ResponseEntity<String> village(@PathVariable String code, @RequestParam(required = false) String month) {
    return board(code, month, Level.VILLAGE);
  }

  @GetMapping(value = "/towns/{code}", produces = "text/html")
  public ResponseEntity<String> town(@PathVariable String code, @RequestParam(required = false) String month) {
    return board(code, month, Level.TOWN);
  }

  private ResponseEntity<String> board(String code, String month, Level level) {
    Scope scope = parameters.scope(code, month);
    if (scope.unit().level() != level) {
      throw InvalidRequestException.of("unit", level == Level.VILLAGE ? "不是村（社区）代码" : "不是镇（乡）代码");
    }
    List<LedgerRow> rows = queries.openDuring(scope.unit(), scope.month()).stream()
        .filter(r -> !r.isSensitive()).toList();
    String title = scope.unit().name() + "群众说事事项公开栏";
    String period = scope.month().getYear() + "年" + scope.month().getMonthValue() + "月";
    long closed = rows.stream().filter(r -> r.state() == MatterState.CLOSED).count();
    long closedOut = rows.stream().filter(r -> r.closedOutAt() != null).count();

    Map<String, List<Long>> photos = attachments.publicPhotosOf(rows.stream().filter(r -> !r.confidential())
        .map(LedgerRow::matterNumber).toList());

    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(text(title)).append("</h1>");
    body.append("<p class=\"sub\">").append(text(period)).append("　共 ").append(rows.size()).append(" 件，已办结 ")
        .append(closed).append(" 件（其中已销号 ").append(closedOut).append(" 件），办理中 ")
        .append(rows.size() - closed).append(" 件</p>");
    body.append("<table><thead><tr><th>序号</th><th>事项编号</th>")
        .append(level == Level.TOWN ? "<th>村（社区）</th>" : "")
        .append("<th>事项</th><th>所属领域</th><th>责任单位</th><th>办理期限</th><th>办理状态</th></tr></thead><tbody>");
    int number = 1;
    for (LedgerRow r : rows) {
      body.append("<tr><td class=\"num\">").append(number++).append("</td><td>").append(text(r.matterNumber()))
          .append("</td>");
      if (level == Level.TOWN) {
        body.append("<td>").append(text(r.villageName())).append("</td>");
      }
      body.append("<td>").append(text(r.confidential() ? CONFIDENTIAL_TITLE : r.title()))
          .append(photos(r.matterNumber(), photos.getOrDefault(r.matterNumber(), List.of()))).append("</td>")
          .append("<td>").append(text(r.subject() == null ? "待分类" : LedgerLabels.subject(r.subject()))).append("</td>")
          .append("<td>").append(text(responsibleUnit(r))).append("</td>")
          .append("<td>").append(r.deadline() == null ? "—"
              : text(r.deadline().atZoneSameInstant(EngineClock.BEIJING).format(DAY))).append("</td>")
          .append(state(r)).append("</tr>");
    }
    if (rows.isEmpty()) {
      body.append("<tr><td colspan=\"").append(level == Level.TOWN ? 8 : 7).append("\">本月暂无事项</td></tr>");
    }
    body.append("</tbody></table>");
    body.append("<p class=\"foot\">群众对公开内容有疑问的，可向村（社区）党组织或镇纪委、党建办反映。</p>");
    return HtmlPage.of(title + " " + period, body.toString());
  }

  /** The photos a cadre put on the board, small enough to print; the links are the board's own. */
  private static String photos(String number, List<Long> ids) {
    StringBuilder html = new StringBuilder();
    for (long id : ids) {
      String src = text("../photos/" + number + "/" + id);
      html.append("<br><a href=\"").append(src).append("\"><img class=\"photo\" src=\"").append(src)
          .append("\" alt=\"现场照片\" style=\"max-width:120px;max-height:90px;margin-top:4px\"></a>");
    }
    return html.toString();
  }

  /** Who answers for the item: the village, or the town when a higher level must coordinate it. */
  private String responsibleUnit(LedgerRow r) {
    if (MatterProcess.Values.LIST_HIGHER_LEVEL.equals(r.handlingList())) {
      return org.unit(r.townCode()).map(Org.Unit::name).orElse(r.townCode()) + "（上级协调）";
    }
    return r.villageName();
  }

  private static String state(LedgerRow r) {
    if (r.closedOutAt() != null) {
      return "<td>已销号</td>";
    }
    if (r.state() != MatterState.CLOSED && r.overdue()) {
      return "<td class=\"late\">" + text(r.state().label()) + "（已超期）</td>";
    }
    return "<td>" + text(r.state().label()) + "</td>";
  }
}
