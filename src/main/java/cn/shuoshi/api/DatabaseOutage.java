package cn.shuoshi.api;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells an unreachable database (restart, network, pool exhausted) from every other failure, so that
 * callers get a 503 "try again" rather than a 500, whichever layer (engine, JDBC, transaction manager)
 * noticed it first.
 */
public final class DatabaseOutage {

  public static final String TITLE = "数据库暂时无法访问";
  public static final String DETAIL = "系统暂时无法连接数据库，本次操作未执行，请稍后重试（已提交的内容不会丢失）";
  /** Seconds a caller should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 10;

  private DatabaseOutage() {}

  public static boolean isOutage(Throwable thrown) {
    int depth = 0;
    for (Throwable cause = thrown; cause != null && depth < 50; cause = cause.getCause(), depth++) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLRecoverableException || cause instanceof SocketException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException) {
        return true;
      }
      // A rollback that failed too: the failure that made it necessary is not in the cause chain but
      // kept aside as the "application exception".
      if (cause instanceof TransactionSystemException tx && tx.getApplicationException() != null
          && isOutage(tx.getApplicationException())) {
        return true;
      }
      if (cause instanceof SQLException sql) {
        // A failed batch (the engine flushes in batches) names the real error in its next exception.
        for (SQLException e = sql; e != null && depth < 50; e = e.getNextException(), depth++) {
          String state = e.getSQLState();
          // 08…: connection exception; 57P01–57P03: the server is shutting down, crashed or starting.
          if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
            return true;
          }
          // The pool's answer for a connection it already closed after a fatal error (no SQL state).
          if (state == null && "Connection is closed".equals(e.getMessage())) {
            return true;
          }
          if (e.getNextException() == e) {
            break;
          }
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
