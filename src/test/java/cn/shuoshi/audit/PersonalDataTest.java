package cn.shuoshi.audit;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Residents' names and phones live in the service's tables only: after whole lives of items — a
 * confidential one with a duplicate merged into it, one registered through the intake API, one answered
 * on the spot — no table of the engine (runtime, history, byte arrays) holds any of them, while the
 * ledger does.
 */
@ShuoshiTest
class PersonalDataTest {

  static final String CADRE = "ls17_ganbu1";

  @Autowired MatterSteps steps;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired TestRestTemplate http;

  /** Unique per run, so that an earlier run on the same database cannot hide or fake a finding. */
  final String run = UUID.randomUUID().toString().substring(0, 4);
  final Map<String, String> residents = new LinkedHashMap<>();

  Map<String, Object> reporter(Map<String, Object> form, String name, String phone) {
    form.put(REPORTER_NAME, name);
    form.put(REPORTER_PHONE, phone);
    form.put(REPORTER_GROUP, "七组" + run);
    residents.put(name, phone);
    return form;
  }

  String phone(int i) {
    return "139" + String.format("%04d", Math.abs(run.hashCode()) % 10000) + String.format("%04d", i);
  }

  @Test
  void afterWholeLivesOfItemsNoEngineTableHoldsAResidentsNameOrPhone() throws Exception {
    Map<String, Object> confidential = reporter(Forms.register("LS17"), "欧阳" + run, phone(1));
    confidential.put(CONFIDENTIAL, true);
    ProcessInstance item = steps.register(CADRE, confidential);
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));

    ProcessInstance duplicate = steps.register(CADRE, reporter(Forms.register("LS17"), "司马" + run, phone(2)));
    Map<String, Object> merge = Forms.classify("VILLAGE", CADRE);
    merge.put(DUPLICATE_OF, steps.number(item));
    steps.complete(CADRE, duplicate, CLASSIFY_MATTER, merge);

    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls17_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete("ls17_shuji", item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));

    Map<String, Object> onSpot = reporter(Forms.register("LS17"), "上官" + run, phone(3));
    onSpot.put(ANSWERED_ON_SPOT, true);
    onSpot.put(ON_SPOT_ANSWER, "已当场答复。");
    steps.register(CADRE, onSpot);

    residents.put("诸葛" + run, phone(4));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(CADRE, TestOrganisation.password(CADRE));
    headers.set("Idempotency-Key", UUID.randomUUID().toString());
    Map<String, Object> body = Map.of("villageCode", "LS17", "channel", "PHONE", "reporterName", "诸葛" + run,
        "reporterPhone", phone(4), "confidential", false, "type", "REQUEST", "subject", "LIVELIHOOD",
        "title", "低保复核", "description", "想了解低保复核的结果。");
    assertThat(http.exchange("/api/matters", HttpMethod.POST, new HttpEntity<>(body, headers), String.class)
        .getStatusCode().value()).isEqualTo(201);

    // The ledger has them all: they were recorded, not lost.
    for (Map.Entry<String, String> resident : residents.entrySet()) {
      assertThat(jdbc.queryForObject("select count(*) from matter where reporter_name = ? and reporter_phone = ?",
          Integer.class, resident.getKey(), resident.getValue())
          + jdbc.queryForObject("select count(*) from on_spot_answer where reporter_name = ?", Integer.class,
              resident.getKey())
          + jdbc.queryForObject("select count(*) from matter_reporter where reporter_name = ?", Integer.class,
              resident.getKey())).as(resident.getKey()).isPositive();
    }
    assertThat(engineTablesHolding(residents)).isEmpty();
    variableHistoryOf(item);
  }

  /** At the service's level the engine keeps no variable history at all. */
  void variableHistoryOf(ProcessInstance item) {
    assertThat(jdbc.queryForObject("select count(*) from ACT_HI_VARINST where PROC_INST_ID_ = ?", Integer.class,
        item.getId())).isZero();
  }

  /** Every text or binary cell of every engine table (ACT_*) that contains one of the values. */
  List<String> engineTablesHolding(Map<String, String> residents) throws SQLException {
    List<String> values = new ArrayList<>(residents.keySet());
    values.addAll(residents.values());
    values.add("七组" + run);
    List<String> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          if (rs.getString("TABLE_NAME").toUpperCase().startsWith("ACT_")) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      assertThat(tables).as("the engine's tables").hasSizeGreaterThan(40);
      for (String table : tables) {
        try (ResultSet columns = meta.getColumns(connection.getCatalog(), connection.getSchema(), table, "%")) {
          while (columns.next()) {
            String column = columns.getString("COLUMN_NAME");
            int type = columns.getInt("DATA_TYPE");
            if (isText(type)) {
              for (String value : values) {
                Integer hits = jdbc.queryForObject("select count(*) from " + table + " where " + column + " like ?",
                    Integer.class, "%" + value + "%");
                if (hits != null && hits > 0) {
                  found.add(table + "." + column + " holds " + value);
                }
              }
            } else if (isBinary(type)) {
              for (byte[] bytes : jdbc.queryForList("select " + column + " from " + table + " where " + column
                  + " is not null", byte[].class)) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                values.stream().filter(text::contains).forEach(v -> found.add(table + "." + column + " holds " + v));
              }
            }
          }
        }
      }
    }
    return found;
  }

  static boolean isText(int type) {
    return type == Types.VARCHAR || type == Types.NVARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB
        || type == Types.NCLOB || type == Types.CHAR;
  }

  static boolean isBinary(int type) {
    return type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
  }
}
