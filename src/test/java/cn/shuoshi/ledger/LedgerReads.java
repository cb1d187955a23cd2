package cn.shuoshi.ledger;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the tests read from the ledger's tables that the service itself never asks. */
@Component
public class LedgerReads {

  private final JdbcTemplate jdbc;

  public LedgerReads(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The kinds of the item's history lines, oldest first. */
  public List<String> eventKinds(String number) {
    return jdbc.queryForList("select e.kind from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? order by e.occurred_at, e.id", String.class, number);
  }

  /** The further residents who raised the same item (duplicates merged into it). */
  public List<String> linkedReporters(String number) {
    return jdbc.queryForList("select r.reporter_name from matter_reporter r join matter m on m.id = r.matter_id "
        + "where m.matter_number = ? order by r.id", String.class, number);
  }

  public long countOnSpotAnswers(String processInstanceId) {
    Long count = jdbc.queryForObject("select count(*) from on_spot_answer where process_instance_id = ?",
        Long.class, processInstanceId);
    return count == null ? 0 : count;
  }
}
