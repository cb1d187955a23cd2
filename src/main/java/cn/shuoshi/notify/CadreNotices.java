package cn.shuoshi.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A cadre's own notices in the Tasklist (站内信, channel {@code INBOX}, {@code cadre_notice}).
 *
 * <p><b>Written in the step's transaction, not through the outbox.</b> Delivering a notice is writing its
 * row, in the service's own database: there is no provider that can be away, so nothing to retry and
 * nothing to claim. Written with the step, the notice is there exactly when the step is (a step that rolls
 * back leaves none) and at once, not a poll later; its key (unique) makes it one row however often the
 * step runs. Only the owner reads or marks their notices.
 */
@Repository
public class CadreNotices {

  public static final String ID = "INBOX";

  /** One notice: its words, where it leads (a task, else the item's story), whether it was read. */
  public record Notice(long id, String userId, OffsetDateTime createdAt, String templateId, String text,
      String taskId, String matterNumber, OffsetDateTime readAt) {}

  private static final String COLUMNS = "id, user_id, created_at, template_id, text, task_id, matter_number, read_at";

  private final JdbcTemplate jdbc;

  public CadreNotices(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the notice in the caller's transaction unless one with the same key is there; whether it did. */
  public boolean write(String key, String userId, String templateId, String text, String taskId, String matterNumber,
      Instant now) {
    Integer there = jdbc.queryForObject("select count(*) from cadre_notice where notice_key = ?", Integer.class, key);
    if (there != null && there > 0) {
      return false;
    }
    return jdbc.update("insert into cadre_notice (notice_key, user_id, created_at, template_id, text, task_id, "
        + "matter_number) values (?,?,?,?,?,?,?)", key, userId, now.atOffset(ZoneOffset.UTC), templateId,
        text.length() <= 1000 ? text : text.substring(0, 1000), taskId, matterNumber) == 1;
  }

  /** The cadre's newest notices, at most {@code limit}. */
  public List<Notice> of(String userId, int limit) {
    return jdbc.query("select " + COLUMNS + " from cadre_notice where user_id = ? order by created_at desc, id desc "
        + "limit " + limit, this::map, userId);
  }

  public int unread(String userId) {
    Integer count = jdbc.queryForObject("select count(*) from cadre_notice where user_id = ? and read_at is null",
        Integer.class, userId);
    return count == null ? 0 : count;
  }

  /** The owner's notice, read now (the first time); empty for anybody else's or none. */
  public Optional<Notice> read(long id, String userId, Instant now) {
    jdbc.update("update cadre_notice set read_at = ? where id = ? and user_id = ? and read_at is null",
        now.atOffset(ZoneOffset.UTC), id, userId);
    return jdbc.query("select " + COLUMNS + " from cadre_notice where id = ? and user_id = ?", this::map, id, userId)
        .stream().findFirst();
  }

  private Notice map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Notice(rs.getLong("id"), rs.getString("user_id"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("template_id"), rs.getString("text"), rs.getString("task_id"), rs.getString("matter_number"),
        rs.getObject("read_at", OffsetDateTime.class));
  }
}
