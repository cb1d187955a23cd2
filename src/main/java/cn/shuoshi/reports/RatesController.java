package cn.shuoshi.reports;

import static cn.shuoshi.api.HtmlPage.text;

import cn.shuoshi.api.HtmlPage;
import cn.shuoshi.reports.ReportParameters.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/rates}: the three rates and other monthly figures of a unit, as JSON or as a page with a chart. */
@RestController
@RequestMapping("/api/rates")
@Tag(name = "三率", description = "响应率、解决率、满意率，超期件数、退回次数、平均办理天数")
@SecurityRequirement(name = "basicAuth")
public class RatesController {

  private final RatesCalculator calculator;
  private final ReportParameters parameters;

  public RatesController(RatesCalculator calculator, ReportParameters parameters) {
    this.calculator = calculator;
    this.parameters = parameters;
  }

  @Operation(summary = "单位月度“三率”", description = "镇的结果含各村，县的结果含各镇。")
  @GetMapping
  public UnitRates rates(
      @Parameter(description = "单位代码：村（LS01）、镇（LS）或县（YL）") @RequestParam(required = false) String unit,
      @Parameter(description = "月份，如 2026-05；默认本月") @RequestParam(required = false) String month) {
    Scope scope = parameters.scope(unit, month);
    return calculator.rates(scope.unit(), scope.month());
  }

  @Operation(summary = "“三率”页面（含柱状图，可打印）", description = "参数同上；返回 HTML。")
  @GetMapping(value = "/page", produces = "text/html")
  public ResponseEntity<String> page(@RequestParam(required = false) String unit,
      @RequestParam(required = false) String month) {
    Scope scope = parameters.scope(unit, month);
    UnitRates rates = calculator.rates(scope.unit(), scope.month());
    String title = rates.unitName() + " " + rates.month().getYear() + "年" + rates.month().getMonthValue()
        + "月 群众说事事项办理情况";
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(text(title)).append("</h1>");
    body.append("<p class=\"sub\">响应率、解决率、满意率及超期、退回情况</p>");
    if (!rates.units().isEmpty()) {
      body.append(RatesChart.svg(rates.units()));
    }
    List<UnitRates> lines = new ArrayList<>(rates.units());
    lines.add(rates);
    body.append("<table><thead><tr><th>单位</th><th>登记</th><th>响应率</th><th>办结</th><th>解决率</th>"
        + "<th>测评</th><th>满意率</th><th>其中群众本人评价</th><th>未评价</th><th>超期</th><th>退回</th><th>平均办理天数</th><th>未办结</th></tr></thead><tbody>");
    for (UnitRates r : lines) {
      body.append("<tr><td>").append(text(r == rates ? "合计（" + r.unitName() + "）" : r.unitName())).append("</td>")
          .append(num(r.registered())).append(rate(r.responseRate())).append(num(r.closed()))
          .append(rate(r.resolutionRate())).append(num(r.rated())).append(rate(r.satisfactionRate()))
          .append("<td class=\"num\">").append(r.ratedByResident())
          .append(r.residentShare() == null ? "" : "（" + r.residentShare().toPlainString() + "%）").append("</td>")
          .append(num(r.unrated()))
          .append(num(r.overdue())).append(num(r.returns()))
          .append("<td class=\"num\">").append(r.averageHandlingDays() == null ? "—"
              : r.averageHandlingDays().toPlainString()).append("</td>")
          .append(num(r.open())).append("</tr>");
    }
    body.append("</tbody></table>");
    body.append("<p class=\"foot\">响应率＝按期分类交办件数÷应分类交办件数；解决率＝“已解决”件数÷办结件数；"
        + "满意率＝（满意＋基本满意）÷已测评件数，每件以群众本人在专属页面的评价为先，没有的以干部记录的测评结果；"
        + "未评价（含等待评价超时）的不计入。“—”表示本月无可统计事项。</p>");
    return HtmlPage.of(title, body.toString());
  }

  private static String num(int n) {
    return "<td class=\"num\">" + n + "</td>";
  }

  private static String rate(BigDecimal r) {
    return "<td class=\"num\">" + (r == null ? "—" : r.toPlainString() + "%") + "</td>";
  }
}
