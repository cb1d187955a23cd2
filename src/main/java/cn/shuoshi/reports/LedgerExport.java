package cn.shuoshi.reports;

import cn.shuoshi.clock.EngineClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The ledger as a cadre prints it (台账): CSV for any program, XLSX laid out for A4 landscape with a
 * title and repeated column headers. The rows come as the caller may see them: a confidential item's
 * reporter is masked (张*, 139****5678) for everybody but its registering cadre, handler and
 * supervisors ({@link LedgerAccess}).
 */
@Component
public class LedgerExport {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private record Column(String header, int width, Function<LedgerRow, String> value) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("事项编号", 17, LedgerRow::matterNumber),
      new Column("村（社区）", 10, LedgerRow::villageName),
      new Column("登记日期", 11, r -> day(r.registeredAt())),
      new Column("反映渠道", 11, r -> LedgerLabels.channel(r.channel())),
      new Column("反映人", 9, LedgerRow::reporterName),
      new Column("联系电话", 13, r -> r.reporterPhone() == null ? "" : r.reporterPhone()),
      new Column("事项标题", 30, LedgerRow::title),
      new Column("事项类型", 8, r -> LedgerLabels.type(r.matterType())),
      new Column("所属领域", 11, r -> LedgerLabels.subject(r.subject())),
      new Column("办理清单", 12, r -> LedgerLabels.handlingList(r.handlingList())),
      new Column("责任人", 9, r -> r.responsibleName() != null ? r.responsibleName()
          : r.responsibleCadre() == null ? "" : r.responsibleCadre()),
      new Column("办理期限", 11, r -> day(r.deadline())),
      new Column("办理状态", 12, r -> r.closedOutAt() != null ? "已销号" : r.state().label()),
      new Column("是否超期", 8, r -> r.overdue() ? "是" : "否"),
      new Column("办理结果", 9, r -> LedgerLabels.outcome(r.outcome())),
      new Column("满意度", 8, r -> LedgerLabels.satisfaction(r.satisfaction())),
      new Column("办结日期", 11, r -> day(r.closedAt())),
      new Column("销号日期", 11, r -> day(r.closedOutAt())));

  public static List<String> headers() {
    List<String> headers = new ArrayList<>(List.of("序号"));
    COLUMNS.forEach(c -> headers.add(c.header()));
    return headers;
  }

  /** UTF-8 with a byte order mark, so that Excel opens the Chinese correctly; CRLF lines (RFC 4180). */
  public byte[] csv(List<LedgerRow> rows) {
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append(String.join(",", headers().stream().map(LedgerExport::csvField).toList())).append("\r\n");
    int number = 1;
    for (LedgerRow row : rows) {
      List<String> fields = new ArrayList<>(List.of(String.valueOf(number++)));
      COLUMNS.forEach(c -> fields.add(csvField(c.value().apply(row))));
      out.append(String.join(",", fields)).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public byte[] xlsx(String title, List<LedgerRow> rows) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("台账");
      int columns = COLUMNS.size() + 1;

      Font titleFont = book.createFont();
      titleFont.setBold(true);
      titleFont.setFontHeightInPoints((short) 14);
      CellStyle titleStyle = book.createCellStyle();
      titleStyle.setFont(titleFont);
      titleStyle.setAlignment(HorizontalAlignment.CENTER);
      Row titleRow = sheet.createRow(0);
      titleRow.setHeightInPoints(24);
      titleRow.createCell(0).setCellValue(title);
      titleRow.getCell(0).setCellStyle(titleStyle);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));

      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = bordered(book);
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      CellStyle body = bordered(book);
      body.setWrapText(true);
      body.setVerticalAlignment(VerticalAlignment.TOP);

      Row headerRow = sheet.createRow(1);
      List<String> headers = headers();
      for (int i = 0; i < headers.size(); i++) {
        headerRow.createCell(i).setCellValue(headers.get(i));
        headerRow.getCell(i).setCellStyle(header);
      }
      sheet.setColumnWidth(0, 6 * 256);
      for (int i = 0; i < COLUMNS.size(); i++) {
        sheet.setColumnWidth(i + 1, (COLUMNS.get(i).width() + 2) * 256);
      }
      int r = 2;
      for (LedgerRow row : rows) {
        Row line = sheet.createRow(r);
        line.createCell(0).setCellValue(r - 1);
        line.getCell(0).setCellStyle(body);
        for (int i = 0; i < COLUMNS.size(); i++) {
          // Text cells only: POI never evaluates a string as a formula, whatever a resident typed.
          line.createCell(i + 1).setCellValue(COLUMNS.get(i).value().apply(row));
          line.getCell(i + 1).setCellStyle(body);
        }
        r++;
      }
      sheet.createFreezePane(0, 2);
      sheet.setRepeatingRows(new CellRangeAddress(1, 1, 0, columns - 1));
      sheet.setAutobreaks(true);
      sheet.setFitToPage(true);
      PrintSetup print = sheet.getPrintSetup();
      print.setPaperSize(PrintSetup.A4_PAPERSIZE);
      print.setLandscape(true);
      print.setFitWidth((short) 1);
      print.setFitHeight((short) 0);
      sheet.getFooter().setCenter("第 &P 页 共 &N 页");
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ledger workbook", e);
    }
  }

  private static CellStyle bordered(XSSFWorkbook book) {
    CellStyle style = book.createCellStyle();
    style.setBorderTop(BorderStyle.THIN);
    style.setBorderBottom(BorderStyle.THIN);
    style.setBorderLeft(BorderStyle.THIN);
    style.setBorderRight(BorderStyle.THIN);
    return style;
  }

  /**
   * Quotes a CSV field; a value that a spreadsheet would take for a formula (=, +, -, @ first) gets
   * a leading apostrophe, because titles are typed by residents.
   */
  static String csvField(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("'")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static String day(OffsetDateTime t) {
    return t == null ? "" : t.atZoneSameInstant(EngineClock.BEIJING).format(DAY);
  }
}
