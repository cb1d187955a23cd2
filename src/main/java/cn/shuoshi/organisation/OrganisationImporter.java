package cn.shuoshi.organisation;

import cn.shuoshi.security.Grants;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the organisation from two CSV files (UTF-8, header line, comma separated, no commas inside
 * values) and keeps Camunda's users, groups and memberships in step with it:
 *
 * <pre>
 * units.csv:  code,name,level,parent        level = COUNTY | TOWN | VILLAGE | DEPARTMENT
 * cadres.csv: userId,name,unitCode,role     role  = see {@link Role}
 * </pre>
 *
 * Importing again is safe: units and cadres are updated, and a listed cadre's roles become exactly
 * those in the file (that is how a cadre moves to another village). Each group gets its grants
 * ({@link Grants#forOrganisationGroup}); granting again changes nothing.
 */
@Component
public class OrganisationImporter {

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final Grants grants;

  public OrganisationImporter(JdbcTemplate jdbc, IdentityService identity, Grants grants) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.grants = grants;
  }

  public record Result(int units, int cadres) {}

  /**
   * @param initialPassword the password a newly created Camunda user gets; existing users keep theirs
   */
  @Transactional
  public Result importCsv(InputStream units, InputStream cadres, Function<String, String> initialPassword)
      throws IOException {
    List<String[]> unitRows = read(units, 4, "units.csv");
    List<String[]> cadreRows = read(cadres, 4, "cadres.csv");
    for (String[] row : unitRows) {
      upsertUnit(row[0], row[1], Level.valueOf(row[2]), row[3].isEmpty() ? null : row[3]);
    }
    for (String[] row : unitRows) {
      for (Role role : Role.values()) {
        if (role.level() == Level.valueOf(row[2])) {
          ensureGroup(role.groupOf(row[0]), row[1] + role.title());
          grants.forOrganisationGroup(role, role.groupOf(row[0]));
        }
      }
    }
    List<String> seen = new ArrayList<>();
    for (String[] row : cadreRows) {
      String userId = row[0];
      Role role = Role.parse(row[3]).orElseThrow(
          () -> new IllegalArgumentException("cadres.csv: unknown role " + row[3] + " for " + userId));
      if (!seen.contains(userId)) {
        seen.add(userId);
        upsertCadre(userId, row[1], initialPassword);
        clearRoles(userId);
      }
      jdbc.update("insert into cadre_role (user_id, unit_code, role) values (?, ?, ?)", userId, row[2], role.name());
      identity.createMembership(userId, role.groupOf(row[2]));
    }
    return new Result(unitRows.size(), seen.size());
  }

  private void upsertUnit(String code, String name, Level level, String parent) {
    int updated = jdbc.update("update org_unit set name = ?, level = ?, parent_code = ? where code = ?",
        name, level.name(), parent, code);
    if (updated == 0) {
      jdbc.update("insert into org_unit (code, name, level, parent_code) values (?, ?, ?, ?)",
          code, name, level.name(), parent);
    }
  }

  private void ensureGroup(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private void upsertCadre(String userId, String name, Function<String, String> initialPassword) {
    if (jdbc.update("update cadre set name = ? where user_id = ?", name, userId) == 0) {
      jdbc.update("insert into cadre (user_id, name) values (?, ?)", userId, name);
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      user = identity.newUser(userId);
      user.setPassword(initialPassword.apply(userId));
    }
    // Chinese names go in one piece: the webapps show "first last", which would split them oddly.
    user.setFirstName(name);
    user.setLastName("");
    identity.saveUser(user);
  }

  private void clearRoles(String userId) {
    for (String group : jdbc.queryForList(
        "select unit_code, role from cadre_role where user_id = ?", userId).stream()
        .map(r -> Role.valueOf((String) r.get("ROLE")).groupOf((String) r.get("UNIT_CODE"))).toList()) {
      identity.deleteMembership(userId, group);
    }
    jdbc.update("delete from cadre_role where user_id = ?", userId);
  }

  private static List<String[]> read(InputStream in, int columns, String file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line = reader.readLine(); // header
      int number = 1;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] row = line.split(",", -1);
        if (row.length != columns) {
          throw new IllegalArgumentException(file + " line " + number + ": expected " + columns + " columns");
        }
        for (int i = 0; i < row.length; i++) {
          row[i] = row[i].strip();
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
