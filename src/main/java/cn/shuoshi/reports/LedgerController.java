package cn.shuoshi.reports;

import cn.shuoshi.api.ForbiddenException;
import cn.shuoshi.clock.EngineClock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/ledger}: the ledger of a village, town or county, as JSON, CSV or XLSX. */
@RestController
@RequestMapping("/api/ledger")
@Tag(name = "台账", description = "按单位、月份、状态、类型、结果、超期、责任人查询和导出台账")
@SecurityRequirement(name = "basicAuth")
public class LedgerController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  /** One ledger line as JSON; a confidential item's reporter comes masked unless the caller may see it ({@link LedgerAccess}). */
  public record Line(String number, String villageCode, String villageName, LocalDate registeredOn, String channel,
      String reporterName, String reporterPhone, boolean confidential, String title, String type, String subject,
      String handlingList, String responsibleCadre, String responsibleName, OffsetDateTime deadline, String state,
      String stateLabel, boolean overdue, String outcome, String satisfaction, LocalDate closedOn,
      LocalDate closedOutOn) {

    static Line of(LedgerRow r) {
      return new Line(r.matterNumber(), r.villageCode(), r.villageName(), day(r.registeredAt()), r.channel(),
          r.reporterName(), r.reporterPhone(), r.confidential(),
          r.title(), r.matterType(), r.subject(), r.handlingList(), r.responsibleCadre(), r.responsibleName(),
          r.deadline() == null ? null : r.deadline().atZoneSameInstant(EngineClock.BEIJING).toOffsetDateTime(),
          r.state().name(), r.state().label(), r.overdue(), r.outcome(), r.satisfaction(), day(r.closedAt()),
          day(r.closedOutAt()));
    }

    private static LocalDate day(OffsetDateTime t) {
      return t == null ? null : t.atZoneSameInstant(EngineClock.BEIJING).toLocalDate();
    }
  }

  private final LedgerQueries queries;
  private final LedgerExport export;
  private final ReportParameters parameters;
  private final LedgerAccess access;

  public LedgerController(LedgerQueries queries, LedgerExport export, ReportParameters parameters,
      LedgerAccess access) {
    this.queries = queries;
    this.export = export;
    this.parameters = parameters;
    this.access = access;
  }

  /** The filter's rows the caller may see; 403 for a unit outside the caller's village, town or county. */
  private List<LedgerRow> rows(LedgerFilter filter) {
    LedgerAccess.Viewer viewer = access.current();
    if (!access.mayRead(viewer, filter.unit())) {
      throw new ForbiddenException("您无权查看" + filter.unit().name() + "的台账：只能查看本村（社区）、本镇或本县的台账");
    }
    return access.visible(viewer, queries.list(filter));
  }

  @Operation(summary = "查询台账", description = "只能查看本村（社区）、本镇或本县的台账；信访和干部作风事项不向村级显示；"
      + "保密事项的反映人姓名和电话仅登记人、责任人、办理人和镇、县督办人员可见，其他人看到的是遮挡后的（如 张*、139****5678）。")
  @GetMapping
  public List<Line> list(
      @Parameter(description = "单位代码：村（LS01）、镇（LS）或县（YL）") @RequestParam(required = false) String unit,
      @Parameter(description = "登记月份，如 2026-05") @RequestParam(required = false) String month,
      @Parameter(description = "状态，如 HANDLING、CLOSED") @RequestParam(required = false) String state,
      @Parameter(description = "事项类型：PROBLEM、REQUEST、PETITION、SUGGESTION") @RequestParam(required = false) String type,
      @Parameter(description = "办理结果：RESOLVED、COMMITTED、EXPLAINED") @RequestParam(required = false) String outcome,
      @Parameter(description = "只看超期（true）或未超期（false）") @RequestParam(required = false) String overdue,
      @Parameter(description = "责任人账号") @RequestParam(required = false) String responsible) {
    return rows(parameters.ledgerFilter(unit, month, state, type, outcome, overdue, responsible)).stream()
        .map(Line::of).toList();
  }

  @Operation(summary = "导出台账（CSV，UTF-8）", description = "参数同“查询台账”。")
  @GetMapping(value = "/export.csv", produces = "text/csv")
  public ResponseEntity<byte[]> csv(@RequestParam(required = false) String unit,
      @RequestParam(required = false) String month, @RequestParam(required = false) String state,
      @RequestParam(required = false) String type, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String overdue, @RequestParam(required = false) String responsible) {
    LedgerFilter filter = parameters.ledgerFilter(unit, month, state, type, outcome, overdue, responsible);
    return file(export.csv(rows(filter)), CSV, fileName(filter, "csv"));
  }

  @Operation(summary = "导出台账（Excel）", description = "参数同“查询台账”；A4 横向打印。")
  @GetMapping(value = "/export.xlsx",
      produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
  public ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String unit,
      @RequestParam(required = false) String month, @RequestParam(required = false) String state,
      @RequestParam(required = false) String type, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String overdue, @RequestParam(required = false) String responsible) {
    LedgerFilter filter = parameters.ledgerFilter(unit, month, state, type, outcome, overdue, responsible);
    return file(export.xlsx(title(filter), rows(filter)), XLSX, fileName(filter, "xlsx"));
  }

  static String title(LedgerFilter f) {
    String month = f.month() == null ? "" : "（" + f.month().getYear() + "年" + f.month().getMonthValue() + "月登记）";
    return f.unit().name() + "群众说事事项台账" + month;
  }

  private static String fileName(LedgerFilter f, String extension) {
    return "台账-" + f.unit().code() + (f.month() == null ? "" : "-" + f.month()) + "." + extension;
  }

  private static ResponseEntity<byte[]> file(byte[] content, MediaType type, String name) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(content);
  }
}
