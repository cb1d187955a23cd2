package cn.shuoshi.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The audit trail (table {@code audit_trail}): every operation a logged-in user made on the engine —
 * claim, form submission, registration, and what administrators do beside the forms (modifying an
 * instance, running or rescheduling a job, changing a user) — with who, when, what and through which
 * door. It is written from the engine's own user operation log, inside the transaction of the
 * operation, so it is whole whatever door was used; it is only ever appended to (on PostgreSQL a
 * trigger refuses updates and deletes) and kept as long as the ledger.
 */
@Repository
public class AuditTrail {

  private static final int MAX_VALUE = 400;

  private final JdbcTemplate jdbc;

  public AuditTrail(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One line of the trail. */
  public record Line(OffsetDateTime at, String actor, Door door, String operation, String entity,
      String property, String oldValue, String newValue, String taskId, String jobId) {}

  /** Called by the engine's history for each property of a user operation. */
  public void record(UserOperationLogEntry entry) {
    Origin origin = Origin.of(entry.getUserId());
    jdbc.update("insert into audit_trail (occurred_at, actor, door, operation, entity, category, "
            + "process_instance_id, root_process_instance_id, task_id, job_id, property, old_value, new_value, "
            + "operation_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        entry.getTimestamp().toInstant().atOffset(ZoneOffset.UTC), origin.actor(), origin.door().name(),
        entry.getOperationType(), entry.getEntityType(), entry.getCategory(), entry.getProcessInstanceId(),
        entry.getRootProcessInstanceId(), entry.getTaskId(), entry.getJobId(), entry.getProperty(),
        clip(entry.getOrgValue()), clip(entry.getNewValue()), entry.getOperationId());
  }

  /** The trail of one item: every operation on its own process instance or on one it called. */
  public List<Line> ofItem(String itemInstanceId) {
    return jdbc.query("select occurred_at, actor, door, operation, entity, property, old_value, new_value, task_id, "
            + "job_id from audit_trail where root_process_instance_id = ? or process_instance_id = ? "
            + "order by occurred_at, id",
        (rs, i) -> new Line(rs.getObject(1, OffsetDateTime.class), rs.getString(2), Door.valueOf(rs.getString(3)),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getString(10)),
        itemInstanceId, itemInstanceId);
  }

  private static String clip(String value) {
    return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
  }
}
