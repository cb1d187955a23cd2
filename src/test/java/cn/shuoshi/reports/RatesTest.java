package cn.shuoshi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The three rates and the other monthly figures against values computed by hand on {@link FixedMonth}. */
@ShuoshiTest
class RatesTest {

  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();
  FixedMonth data;

  @BeforeEach
  void data() {
    data = FixedMonth.get(context);
    // Figures as seen ten days after the month.
    FixedMonth.clock(data.at(1, 9).plusMonths(1).plusDays(9));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ResponseEntity<String> get(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("ls_zhan", TestOrganisation.password("ls_zhan"));
    ResponseEntity<byte[]> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
        .body(response.getBody() == null ? null : new String(response.getBody(), StandardCharsets.UTF_8));
  }

  JsonNode rates(String unit) throws Exception {
    ResponseEntity<String> response = get("/api/rates?unit=" + unit + "&month=" + data.month);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  static void assertFigures(JsonNode r, Map<String, Object> expected) {
    expected.forEach((field, value) -> assertThat(r.path(field).isNull() ? null : r.path(field).asText())
        .as(r.path("unitCode").asText() + " " + field).isEqualTo(value == null ? null : value.toString()));
  }

  @Test
  void theTownsFiguresMatchTheHandComputedOnes() throws Exception {
    JsonNode town = rates("LS");

    // Response: A, C, E, F classified by their due date; B late, D never → 4 / 6.
    // Resolution: A, E resolved of A, B, E, F closed → 2 / 4. Satisfaction: A, B, E of 4 rated → 3 / 4.
    // Returns: B rejected once, C and F re-handled once each. Days: (1 + 7 + 1.5 + 2) / 4 = 2.875.
    assertFigures(town, Map.ofEntries(
        Map.entry("month", data.month), Map.entry("registered", 6), Map.entry("responseDue", 6),
        Map.entry("respondedInTime", 4), Map.entry("responseRate", "66.7"), Map.entry("closed", 4),
        Map.entry("resolved", 2), Map.entry("resolutionRate", "50.0"), Map.entry("rated", 4),
        Map.entry("satisfied", 3), Map.entry("satisfactionRate", "75.0"), Map.entry("overdue", 1),
        Map.entry("returns", 3), Map.entry("averageHandlingDays", "2.9"), Map.entry("open", 2)));
    // Every rating of the fixed month was recorded by a cadre (the secretaries): no resident's own (0.0 % of
    // the 4 rated: there is something to count, so not —), none unrated.
    Map<String, Object> sources = new java.util.HashMap<>();
    sources.put("ratedByResident", 0);
    sources.put("residentShare", "0.0");
    sources.put("ratedByCadre", 4);
    sources.put("unrated", 0);
    assertFigures(town, sources);
    assertThat(town.path("units")).hasSize(18);
  }

  @Test
  void eachVillageOfTheTownHasItsOwnFigures() throws Exception {
    JsonNode villages = rates("LS").path("units");
    JsonNode ls04 = null;
    JsonNode ls08 = null;
    JsonNode ls01 = null;
    for (JsonNode v : villages) {
      switch (v.path("unitCode").asText()) {
        case "LS04" -> ls04 = v;
        case "LS08" -> ls08 = v;
        case "LS01" -> ls01 = v;
        default -> { }
      }
    }
    assertFigures(ls04, Map.ofEntries(Map.entry("unitName", "石门村"), Map.entry("registered", 3),
        Map.entry("responseRate", "66.7"), Map.entry("closed", 2), Map.entry("resolutionRate", "50.0"),
        Map.entry("satisfactionRate", "100.0"), Map.entry("overdue", 1), Map.entry("returns", 2),
        Map.entry("averageHandlingDays", "4.0"), Map.entry("open", 1)));
    assertFigures(ls08, Map.ofEntries(Map.entry("registered", 3), Map.entry("responseRate", "66.7"),
        Map.entry("closed", 2), Map.entry("resolutionRate", "50.0"), Map.entry("satisfactionRate", "50.0"),
        Map.entry("overdue", 0), Map.entry("returns", 1), Map.entry("averageHandlingDays", "1.8"),
        Map.entry("open", 1)));
    // Nothing happened in 上河村 that month: no rate rather than a made-up 0 % or 100 %.
    Map<String, Object> nothing = new java.util.HashMap<>();
    nothing.put("registered", 0);
    nothing.put("responseRate", null);
    nothing.put("resolutionRate", null);
    nothing.put("satisfactionRate", null);
    nothing.put("averageHandlingDays", null);
    assertFigures(ls01, nothing);
  }

  @Test
  void theCountyAddsUpItsTownsAndAVillageStandsAlone() throws Exception {
    JsonNode county = rates("YL");
    assertFigures(county, Map.of("registered", 6, "responseRate", "66.7", "satisfactionRate", "75.0", "open", 2));
    assertThat(county.path("units")).hasSize(1);
    assertThat(county.path("units").get(0).path("unitCode").asText()).isEqualTo("LS");

    JsonNode village = rates("LS04");
    assertFigures(village, Map.of("registered", 3, "returns", 2));
    assertThat(village.path("units")).isEmpty();
  }

  @Test
  void theRatesPageDrawsItsChartOnTheServer() {
    ResponseEntity<String> page = get("/api/rates/page?unit=LS&month=" + data.month);

    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getBody()).contains("<svg", "响应率", "解决率", "满意率", "石门村", "66.7%", "75.0%")
        .doesNotContain("<script", "http://cdn", "https://");
  }

  @Test
  void badParametersAre400NamingEachOne() throws Exception {
    ResponseEntity<String> response = get("/api/rates?unit=XX&month=2026-13");
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    JsonNode errors = json.readTree(response.getBody()).path("errors");
    assertThat(errors.path("unit").asText()).contains("不存在");
    assertThat(errors.path("month").asText()).contains("格式不正确");
    assertThat(get("/api/rates?unit=YL_WATER").getStatusCode().value()).isEqualTo(400);
  }
}
