package cn.shuoshi.notify;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The mobile number a resident gave for an item, read from the ledger ({@code matter.reporter_phone}) only
 * when an SMS leaves: the outbox names the item ({@code resident:<number>}), never the number. Nothing
 * here logs it.
 */
@Repository
public class ResidentPhones {

  private final JdbcTemplate jdbc;

  public ResidentPhones(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> of(String matterNumber) {
    return jdbc.queryForList("select reporter_phone from matter where matter_number = ?", String.class, matterNumber)
        .stream().filter(p -> p != null && !p.isBlank()).findFirst();
  }
}
