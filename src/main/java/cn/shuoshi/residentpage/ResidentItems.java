package cn.shuoshi.residentpage;

import cn.shuoshi.ledger.MatterState;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the resident's page reads of an item: no reporter's data, no cadre's account. */
@Repository
public class ResidentItems {

  /** The item as its resident reads it. */
  public record Item(String number, String title, String villageName, MatterState state, OffsetDateTime registeredAt,
      OffsetDateTime deadline, String outcome, String resultSummary, String feedbackMethod, LocalDate feedbackDate,
      String feedbackNote, String satisfaction, String satisfactionBy, String reporterName) {}

  private final JdbcTemplate jdbc;

  public ResidentItems(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Item> find(String number) {
    return jdbc.query("select m.matter_number, m.title, v.name, m.state, m.registered_at, m.deadline, m.outcome, "
        + "m.result_summary, m.feedback_method, m.feedback_date, m.feedback_note, m.satisfaction, m.satisfaction_by, "
        + "m.reporter_name from matter m join org_unit v on v.code = m.village_code where m.matter_number = ?",
        (rs, i) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), MatterState.valueOf(rs.getString(4)),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getObject(10, LocalDate.class), rs.getString(11), rs.getString(12),
            rs.getString(13), rs.getString(14)), number).stream().findFirst();
  }
}
