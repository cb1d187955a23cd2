package cn.shuoshi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures callers are told "the database is away, try again" (503) for: the exception chains
 * below are the ones the service's nodes logged while PostgreSQL was restarted under load
 * (ClusterFaultTest); the others must stay errors.
 */
class DatabaseOutageTest {

  static ProcessEnginePersistenceException engine(Throwable cause) {
    return new ProcessEnginePersistenceException("An exception occurred in the persistence layer.", cause);
  }

  @Test
  void aQueryWhoseConnectionBrokeIsAnOutage() {
    SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006",
        new SocketException("Broken pipe"));
    assertThat(DatabaseOutage.isOutage(engine(new PersistenceException("Error querying database.", io)))).isTrue();
  }

  @Test
  void aServerShuttingDownIsAnOutage() {
    SQLException fatal = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    assertThat(DatabaseOutage.isOutage(engine(new PersistenceException(fatal)))).isTrue();
  }

  @Test
  void aRollbackOnAConnectionThePoolClosedIsAnOutage() {
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    assertThat(DatabaseOutage.isOutage(engine(rollback))).isTrue();
  }

  @Test
  void aFailedRollbackIsJudgedByTheFailureThatCausedIt() {
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("rollback refused", "XX000"));
    rollback.initApplicationException(new SQLException("An I/O error occurred", "08006"));
    assertThat(DatabaseOutage.isOutage(engine(rollback))).isTrue();
  }

  @Test
  void aBatchIsJudgedByTheErrorItCarries() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 update ACT_RU_JOB was aborted", null,
        0, new int[0]);
    batch.setNextException(new SQLException("FATAL: the database system is shutting down", "57P03"));
    assertThat(DatabaseOutage.isOutage(engine(new PersistenceException(batch)))).isTrue();
  }

  @Test
  void aConstraintViolationOrASerializationFailureIsNoOutage() {
    assertThat(DatabaseOutage.isOutage(engine(new PersistenceException(
        new SQLException("duplicate key value violates unique constraint", "23505"))))).isFalse();
    assertThat(DatabaseOutage.isOutage(new TransactionSystemException("Could not commit JDBC transaction",
        new SQLException("could not serialize access", "40001")))).isFalse();
    assertThat(DatabaseOutage.isOutage(new IllegalStateException("no database involved"))).isFalse();
  }
}
