package cn.shuoshi.organisation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * One of the organisation's two files as rows of named values: a CSV file (UTF-8 with or without a
 * byte-order mark, RFC 4180 quoting, a header row, blank lines ignored) or an Excel workbook (.xlsx,
 * its first sheet, the same header row). Columns are found by their header, in any order; a file
 * without a required column answers that as its one error. Reading changes nothing anywhere.
 *
 * @param file the file's name in messages ({@code units} or {@code cadres})
 * @param rows the data rows, each with its line (row) number in the file as a person counts
 * @param errors what makes the file unreadable as a whole (Chinese), empty when it was read
 */
public record OrgTable(String file, List<Line> rows, List<String> errors) {

  /** A data row: its line number and its values by column name (missing or blank cells are ""). */
  public record Line(int number, Map<String, String> values) {

    public String get(String column) {
      return values.getOrDefault(column, "");
    }
  }

  /** Workbooks larger than this are refused: an organisation file is a few hundred rows. */
  static final int MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Reads {@code content}; an .xlsx workbook is recognised by its content (a zip archive) or its
   * {@code filename}, anything else is read as CSV.
   *
   * @param required the columns the header must name (matched without regard to case or spaces)
   * @param optional further columns taken when present
   */
  public static OrgTable read(String file, byte[] content, String filename, List<String> required,
      List<String> optional) {
    if (content == null || content.length == 0) {
      return failed(file, file + "：文件为空或未上传");
    }
    if (content.length > MAX_BYTES) {
      return failed(file, file + "：文件过大（至多10MB）");
    }
    boolean zip = content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    boolean xlsxName = filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    List<List<String>> raw = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    if (zip || xlsxName) {
      String error = readXlsx(content, raw, numbers);
      if (error != null) {
        return failed(file, file + "：" + error);
      }
    } else {
      readCsv(new String(content, StandardCharsets.UTF_8), raw, numbers);
    }
    int first = 0;
    while (first < raw.size() && raw.get(first).stream().allMatch(String::isBlank)) {
      first++;
    }
    if (first == raw.size()) {
      return failed(file, file + "：缺少标题行（应为 " + String.join(",", required) + "）");
    }
    List<String> header = raw.get(first).stream().map(OrgTable::columnKey).toList();
    List<String> missing = required.stream().filter(c -> !header.contains(columnKey(c))).toList();
    if (!missing.isEmpty()) {
      return failed(file, file + " 第" + numbers.get(first) + "行：标题行缺少列“" + String.join("”“", missing)
          + "”（应为 " + String.join(",", required) + "）");
    }
    List<String> columns = new ArrayList<>(required);
    columns.addAll(optional);
    List<Line> rows = new ArrayList<>();
    for (int r = first + 1; r < raw.size(); r++) {
      List<String> cells = raw.get(r);
      if (cells.stream().allMatch(String::isBlank)) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String column : columns) {
        int index = header.indexOf(columnKey(column));
        values.put(column, index >= 0 && index < cells.size() ? cells.get(index).strip() : "");
      }
      rows.add(new Line(numbers.get(r), Collections.unmodifiableMap(values)));
    }
    return new OrgTable(file, List.copyOf(rows), List.of());
  }

  private static OrgTable failed(String file, String error) {
    return new OrgTable(file, List.of(), List.of(error));
  }

  private static String columnKey(String header) {
    return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
  }

  /** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes; a record's number is its first line. */
  static void readCsv(String text, List<List<String>> records, List<Integer> numbers) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int recordLine = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        numbers.add(recordLine);
        fields = new ArrayList<>();
        line++;
        recordLine = line;
      } else {
        field.append(c);
      }
      i++;
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(fields);
      numbers.add(recordLine);
    }
  }

  private static String readXlsx(byte[] content, List<List<String>> records, List<Integer> numbers) {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      if (workbook.getNumberOfSheets() == 0) {
        return "Excel 文件中没有工作表";
      }
      Sheet sheet = workbook.getSheetAt(0);
      DataFormatter format = new DataFormatter(Locale.ROOT);
      for (Row row : sheet) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
          Cell cell = row.getCell(c, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL);
          cells.add(cell == null ? "" : format.formatCellValue(cell));
        }
        records.add(cells);
        numbers.add(row.getRowNum() + 1);
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "无法读取 Excel 文件（应为 .xlsx 格式，第一个工作表为数据，首行为标题行）";
    }
  }
}
