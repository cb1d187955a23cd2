package cn.shuoshi.intake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code intake_request} table: which item each caller's Idempotency-Key made. */
@Repository
class IntakeRequests {

  record Stored(String requestHash, String matterNumber) {}

  private final JdbcTemplate jdbc;

  IntakeRequests(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Stored> find(String userId, String key) {
    return jdbc.query("select request_hash, matter_number from intake_request where user_id = ? and idempotency_key = ?",
        (rs, i) -> new Stored(rs.getString(1), rs.getString(2)), userId, key).stream().findFirst();
  }

  /** Fails with a duplicate key when a concurrent request with the same key got there first. */
  void insert(String userId, String key, String hash, String matterNumber, Instant now) {
    jdbc.update("insert into intake_request (user_id, idempotency_key, request_hash, matter_number, created_at) "
        + "values (?, ?, ?, ?, ?)", userId, key, hash, matterNumber, now.atOffset(ZoneOffset.UTC));
  }
}
