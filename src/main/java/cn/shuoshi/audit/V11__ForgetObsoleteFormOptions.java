package cn.shuoshi.audit;

import java.sql.SQLException;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 11 (H2 and PostgreSQL alike): items of the previous release (4f307b7) carry the
 * county's departments as a process variable {@code departmentOptions}, a JSON object of the JDK's
 * immutable list and map classes. Forms now read the departments from the organisation when they are
 * shown (forms.FormOptions), and the engine builds only plain JDK value and collection types from
 * stored objects (deserializationTypeValidationEnabled): the stale copy would make an old item's
 * sign-for and dispatch forms unreadable. It goes, with its byte arrays and its history.
 */
@Component
public class V11__ForgetObsoleteFormOptions extends BaseJavaMigration {

  static final Set<String> NAMES = Set.of("departmentOptions");

  @Override
  public void migrate(Context context) throws SQLException {
    V6__ForgetResidentsInEngineHistory.forget(context.getConnection(), NAMES);
  }
}
