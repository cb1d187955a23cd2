package cn.shuoshi.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The organisation as a form offers it: villages, cadres and departments to choose from, by name, as
 * they are at the moment the form is shown. A cadre is offered as "王建国 · 上河村党支部书记", never as an
 * account id; the server checks the chosen value against the same tables ({@link Org}).
 */
@Component
public class OrgChoices {

  /** One option of a select: what the cadre reads, and the code the form submits. */
  public record Choice(String label, String value) {}

  private final JdbcTemplate jdbc;
  private final Org org;

  public OrgChoices(JdbcTemplate jdbc, Org org) {
    this.jdbc = jdbc;
    this.org = org;
  }

  /**
   * The villages {@code userId} may register items for: their own, those of their town, those of the
   * county whose handling centre they are — or every village ({@code everyVillage}: administrators and
   * intake accounts).
   */
  public List<Choice> villagesFor(String userId, boolean everyVillage) {
    String sql = "select v.code, v.name, t.name from org_unit v join org_unit t on t.code = v.parent_code "
        + "where v.level = 'VILLAGE' and v.retired_at is null";
    List<Object> args = new ArrayList<>();
    if (!everyVillage) {
      sql += " and (v.code in (select unit_code from cadre_role where user_id = ?)"
          + " or v.parent_code in (select unit_code from cadre_role where user_id = ?)"
          + " or t.parent_code in (select unit_code from cadre_role where user_id = ? and role = 'CENTRE'))";
      args.addAll(List.of(userId, userId, userId));
    }
    return jdbc.query(sql + " order by v.code",
        (rs, i) -> new Choice(rs.getString(2) + "（" + rs.getString(3) + "）", rs.getString(1)), args.toArray());
  }

  /** The one village {@code userId} holds a post in, if there is exactly one: preselected in the forms. */
  public String ownVillage(String userId) {
    List<String> villages = jdbc.queryForList("select distinct r.unit_code from cadre_role r join org_unit u "
        + "on u.code = r.unit_code where r.user_id = ? and u.level = 'VILLAGE' and u.retired_at is null", String.class, userId);
    return villages.size() == 1 ? villages.get(0) : null;
  }

  /**
   * The cadres who may be made responsible for an item of the village: those of the village and of its
   * town, or of the town only ({@code townOnly}: an item the village must not see). Village cadres first.
   * A merged village's items are offered its successor's cadres; retired cadres are never offered.
   */
  public List<Choice> cadresFor(String village, boolean townOnly) {
    String villageCode = org.current(village);
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<String>> posts = new LinkedHashMap<>();
    jdbc.query("select c.user_id, c.name, r.role, u.name, u.level from cadre_role r join cadre c on c.user_id = r.user_id "
            + "join org_unit u on u.code = r.unit_code "
            + "where c.retired_at is null and ((r.unit_code = ? and ? = false) "
            + "or r.unit_code = (select parent_code from org_unit where code = ?)) "
            + "order by case when u.level = 'VILLAGE' then 0 else 1 end, c.user_id",
        rs -> {
          String user = rs.getString(1);
          names.put(user, rs.getString(2));
          posts.computeIfAbsent(user, u -> new ArrayList<>())
              .add(rs.getString(4) + Role.valueOf(rs.getString(3)).title());
        }, villageCode, townOnly, villageCode);
    List<Choice> cadres = new ArrayList<>();
    names.forEach((user, name) -> cadres.add(new Choice(name + " · " + String.join("、", posts.get(user)), user)));
    return cadres;
  }

  /** The county departments an item of the village can be transferred to (转办). */
  public List<Choice> departmentsFor(String villageCode) {
    return jdbc.query("select d.code, d.name from org_unit d where d.level = 'DEPARTMENT' and d.retired_at is null "
            + "and d.parent_code = "
            + "(select t.parent_code from org_unit t join org_unit v on v.parent_code = t.code where v.code = ?) "
            + "order by d.code",
        (rs, i) -> new Choice(rs.getString(2), rs.getString(1)), villageCode);
  }
}
