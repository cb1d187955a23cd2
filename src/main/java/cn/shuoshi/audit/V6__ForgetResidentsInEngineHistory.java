package cn.shuoshi.audit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 6 (H2 and PostgreSQL alike): removes residents' names and phones that earlier
 * releases left in the engine — the start form's reporter fields in the variable history and the
 * form-field history (history level {@code audit} or higher), and the names of linked reporters
 * ({@code linkedReporters}) in running and finished items — with the byte arrays they used. A database
 * whose engine tables do not exist yet has nothing to forget. Flyway finds it as a Spring bean.
 */
@Component
public class V6__ForgetResidentsInEngineHistory extends BaseJavaMigration {

  /** What earlier releases wrote: the reporter fields, and the merged duplicates' reporters by name. */
  static final Set<String> NAMES = names();

  private static Set<String> names() {
    Set<String> names = new TreeSet<>(PersonalData.VARIABLES);
    names.add("linkedReporters");
    return names;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    forget(context.getConnection());
  }

  /** Deletes every engine row holding one of {@link #NAMES}; returns how many rows went. */
  public static int forget(Connection connection) throws SQLException {
    return forget(connection, NAMES);
  }

  /**
   * Deletes every variable named one of {@code names} from the engine's runtime and history tables,
   * with the byte arrays their values used; returns how many rows went.
   */
  static int forget(Connection connection, Set<String> names) throws SQLException {
    int removed = 0;
    for (String table : List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL")) {
      if (!exists(connection, table)) {
        continue;
      }
      String in = " where NAME_ in (" + String.join(",", names.stream().map(n -> "?").toList()) + ")";
      List<String> byteArrays = new ArrayList<>();
      try (PreparedStatement select = bind(connection.prepareStatement(
          "select BYTEARRAY_ID_ from " + table + in + " and BYTEARRAY_ID_ is not null"), names)) {
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            byteArrays.add(rows.getString(1));
          }
        }
      }
      try (PreparedStatement delete = bind(connection.prepareStatement("delete from " + table + in), names)) {
        removed += delete.executeUpdate();
      }
      for (String id : byteArrays) {
        try (PreparedStatement delete = connection.prepareStatement("delete from ACT_GE_BYTEARRAY where ID_ = ?")) {
          delete.setString(1, id);
          removed += delete.executeUpdate();
        }
      }
    }
    return removed;
  }

  private static PreparedStatement bind(PreparedStatement statement, Set<String> names) throws SQLException {
    int i = 1;
    for (String name : names) {
      statement.setString(i++, name);
    }
    return statement;
  }

  private static boolean exists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toLowerCase())) {
      try (ResultSet rows = meta.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
        if (rows.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
