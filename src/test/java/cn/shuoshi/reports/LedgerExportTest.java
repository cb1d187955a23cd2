package cn.shuoshi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The ledger queried by unit, month and filters, and exported as a cadre prints it. */
@ShuoshiTest
class LedgerExportTest {

  static final List<String> HEADERS = List.of("序号", "事项编号", "村（社区）", "登记日期", "反映渠道", "反映人", "联系电话",
      "事项标题", "事项类型", "所属领域", "办理清单", "责任人", "办理期限", "办理状态", "是否超期", "办理结果", "满意度", "办结日期",
      "销号日期");

  @Autowired cn.shuoshi.clock.WorkingDayCalendar calendar;
  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();
  FixedMonth data;

  @BeforeEach
  void data() {
    data = FixedMonth.get(context);
  }

  ResponseEntity<byte[]> get(String path) {
    return get("ls04_ganbu1", path);
  }

  /** The ledger as {@code user} reads it: a village's cadres their village, the town's the town, the centre the county. */
  ResponseEntity<byte[]> get(String user, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestOrganisation.password(user));
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
  }

  List<String> numbers(String query) throws Exception {
    String user = query.startsWith("unit=LS&") ? "ls_zhan" : query.startsWith("unit=YL&") ? "yl_zhongxin" : "ls04_ganbu1";
    ResponseEntity<byte[]> response = get(user, "/api/ledger?" + query);
    assertThat(response.getStatusCode().value()).as(query).isEqualTo(200);
    List<String> numbers = new ArrayList<>();
    json.readTree(response.getBody()).forEach(line -> numbers.add(line.path("number").asText()));
    return numbers;
  }

  List<String> items(String... names) {
    return java.util.Arrays.stream(names).map(data.numbers::get).toList();
  }

  @Test
  void theLedgerIsQueriedByUnitMonthStateTypeOutcomeOverdueAndResponsibleCadre() throws Exception {
    String month = "&month=" + data.month;
    assertThat(numbers("unit=LS04" + month)).containsExactlyElementsOf(items("A", "B", "C"));
    assertThat(numbers("unit=LS" + month)).containsExactlyInAnyOrderElementsOf(items("A", "B", "C", "D", "E", "F"));
    assertThat(numbers("unit=YL" + month)).containsExactlyInAnyOrderElementsOf(items("A", "B", "C", "D", "E", "F"));
    assertThat(numbers("unit=LS" + month + "&state=CLOSED")).containsExactlyInAnyOrderElementsOf(items("A", "B", "E", "F"));
    assertThat(numbers("unit=LS" + month + "&state=CLASSIFYING")).containsExactlyElementsOf(items("D"));
    assertThat(numbers("unit=LS" + month + "&outcome=RESOLVED")).containsExactlyInAnyOrderElementsOf(items("A", "E"));
    assertThat(numbers("unit=LS" + month + "&overdue=true")).containsExactlyElementsOf(items("C"));
    // The type is asked at registration: D, not classified yet, is a problem already.
    assertThat(numbers("unit=LS" + month + "&type=PROBLEM")).containsExactlyInAnyOrderElementsOf(
        items("A", "B", "C", "D", "E", "F"));
    assertThat(numbers("unit=LS" + month + "&responsible=ls08_ganbu1")).containsExactlyInAnyOrderElementsOf(
        items("D", "E", "F"));

    // C is confidential: its registering and handling cadre sees the reporter, the village's other cadres do not.
    JsonNode c = json.readTree(get("/api/ledger?unit=LS04&overdue=true" + month).getBody()).get(0);
    assertThat(c.path("confidential").asBoolean()).isTrue();
    assertThat(c.path("reporterName").asText()).isEqualTo(FixedMonth.REPORTER);
    JsonNode masked = json.readTree(get("ls04_ganbu2", "/api/ledger?unit=LS04&overdue=true" + month).getBody()).get(0);
    assertThat(masked.path("reporterName").asText()).as("a confidential reporter is masked").isEqualTo("钱**");
    assertThat(masked.path("reporterPhone").asText()).isEqualTo("137****1111");
  }

  @Test
  void theExcelExportOpensAsASpreadsheetWithTheExpectedRows() throws Exception {
    // The secretary neither registered nor handled the confidential item C: its reporter is masked.
    ResponseEntity<byte[]> response = get("ls04_shuji", "/api/ledger/export.xlsx?unit=LS04&month=" + data.month);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("台账-LS04-" + data.month + ".xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = book.getSheet("台账");
      DataFormatter format = new DataFormatter();
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("石门村群众说事事项台账（" + data.month.getYear() + "年" + data.month.getMonthValue() + "月登记）");
      List<String> headers = new ArrayList<>();
      sheet.getRow(1).forEach(cell -> headers.add(cell.getStringCellValue()));
      assertThat(headers).isEqualTo(HEADERS);
      assertThat(sheet.getLastRowNum()).isEqualTo(4);
      List<List<String>> rows = new ArrayList<>();
      for (int r = 2; r <= 4; r++) {
        List<String> cells = new ArrayList<>();
        for (org.apache.poi.ss.usermodel.Cell cell : sheet.getRow(r)) {
          cells.add(format.formatCellValue(cell));
        }
        rows.add(cells);
      }
      String registered = data.month.atDay(3).toString();
      String closedOut = data.month.atDay(28).toString();
      assertThat(rows.get(0)).containsExactly("1", data.numbers.get("A"), "石门村", registered, "党群说事会",
          FixedMonth.REPORTER, FixedMonth.PHONE, FixedMonth.TITLE_A, "问题类", "村级基础设施", "村级自办", "朱德明",
          calendar.plusWorkingDays(data.month.atDay(3), 5).toString(), "已销号", "否", "已解决", "满意", data.month.atDay(4).toString(), closedOut);
      assertThat(rows.get(1)).element(15).isEqualTo("承诺办理");
      assertThat(rows.get(1)).element(16).isEqualTo("基本满意");
      // C: confidential, overdue and open again; the ledger keeps the last round's result and rating.
      assertThat(rows.get(2)).containsExactly("3", data.numbers.get("C"), "石门村", registered, "党群说事会",
          "钱**", "137****1111", FixedMonth.TITLE_C, "问题类", "村级基础设施", "村级自办", "朱德明",
          calendar.plusWorkingDays(data.month.atDay(5), 5).toString(), "办理中", "是", "解释说明", "不满意", "", "");
      assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
      assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
    }
  }

  @Test
  void theCsvExportHasChineseHeadersAndOneLinePerItem() {
    ResponseEntity<byte[]> response = get("ls_zhan", "/api/ledger/export.csv?unit=LS&month=" + data.month + "&state=CLOSED");

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
    String text = new String(response.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF序号,事项编号,村（社区）");
    String[] lines = text.substring(1).split("\r\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0].split(",")).containsExactlyElementsOf(HEADERS);
    assertThat(text).contains(data.numbers.get("A"), data.numbers.get("F"), "\"<b>路灯</b>不亮 & 晚上看不见\"".replace("\"", ""));
  }

  @Test
  void aFormulaTypedByAResidentIsNotAFormulaInTheCsv() {
    assertThat(LedgerExport.csvField("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(LedgerExport.csvField("水渠, 堵塞")).isEqualTo("\"水渠, 堵塞\"");
  }

  @Test
  void badParametersAre400NamingEveryOneAndNeverA500() throws Exception {
    ResponseEntity<byte[]> response = get("/api/ledger/export.xlsx?unit=NOWHERE&month=May&state=LOST&type=X"
        + "&outcome=Y&overdue=maybe");
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(response.getBody()).path("errors").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("unit", "month", "state", "type", "outcome", "overdue");
    assertThat(get("/api/ledger").getStatusCode().value()).isEqualTo(400);
    assertThat(http.getForEntity("/api/ledger?unit=LS", String.class).getStatusCode().value())
        .as("the ledger holds personal data: cadres only").isEqualTo(401);
  }
}
