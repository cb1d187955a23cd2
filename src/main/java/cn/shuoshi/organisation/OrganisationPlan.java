package cn.shuoshi.organisation;

import cn.shuoshi.audit.Origin;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The organisation as the two files describe it, checked as a whole before anything is written: every
 * error of both files, each named by file and line in Chinese, or a plan the importer can apply. Making
 * a plan reads nothing but the files and (for {@code mergedFrom}) which units exist already.
 *
 * <pre>
 * units:  code,name,level,parent[,mergedFrom]   level = COUNTY | TOWN | VILLAGE | DEPARTMENT;
 *                                               mergedFrom = codes of retired units it absorbed, ";"-separated
 * cadres: userId,name,unitCode,role             role  = see {@link Role}; one row per post
 * </pre>
 */
public final class OrganisationPlan {

  public static final List<String> UNIT_COLUMNS = List.of("code", "name", "level", "parent");
  public static final List<String> UNIT_OPTIONAL = List.of("mergedFrom");
  public static final List<String> CADRE_COLUMNS = List.of("userId", "name", "unitCode", "role");

  /** Unit codes and user ids become Camunda group and user ids (the engine's whitelist, shorter). */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_]{1,32}");
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** A unit as the file lists it; {@code mergedFrom}: the retired units it absorbed. */
  public record PlannedUnit(String code, String name, Level level, String parent, List<String> mergedFrom) {}

  /** A post of a cadre. */
  public record PlannedPost(String unitCode, Role role) {}

  /** A cadre with every post the file gives them, in file order. */
  public record PlannedCadre(String userId, String name, List<PlannedPost> posts) {}

  private final List<PlannedUnit> units;
  private final List<PlannedCadre> cadres;

  private OrganisationPlan(List<PlannedUnit> units, List<PlannedCadre> cadres) {
    this.units = units;
    this.cadres = cadres;
  }

  /** The units, parents before their children (county, towns and departments, villages). */
  public List<PlannedUnit> units() {
    return units;
  }

  public List<PlannedCadre> cadres() {
    return cadres;
  }

  public Optional<PlannedUnit> unit(String code) {
    return units.stream().filter(u -> u.code().equals(code)).findFirst();
  }

  /** Which unit absorbed {@code code}, if a unit of the file names it in {@code mergedFrom}. */
  public Optional<String> mergedInto(String code) {
    return units.stream().filter(u -> u.mergedFrom().contains(code)).map(PlannedUnit::code).findFirst();
  }

  /**
   * Checks both files and answers the plan, or throws with every error found.
   *
   * @param existingUnit the level of a unit already in the database (retired or not), for {@code mergedFrom}
   */
  public static OrganisationPlan of(OrgTable unitFile, OrgTable cadreFile, Function<String, Optional<Level>> existingUnit) {
    return of(unitFile, cadreFile, existingUnit, user -> false);
  }

  /**
   * @param administrator whether a user id is an administrator's account: never a cadre (retiring it
   *     later would lock the administrator out)
   */
  public static OrganisationPlan of(OrgTable unitFile, OrgTable cadreFile, Function<String, Optional<Level>> existingUnit,
      Predicate<String> isAdministrator) {
    Map<String, Boolean> administrators = new HashMap<>();
    Predicate<String> administrator = user -> administrators.computeIfAbsent(user, isAdministrator::test);
    Errors errors = new Errors();
    unitFile.errors().forEach(e -> errors.file(unitFile.file(), e));
    cadreFile.errors().forEach(e -> errors.file(cadreFile.file(), e));

    // --- units -----------------------------------------------------------------------------------
    String uf = unitFile.file();
    Map<String, Integer> unitLines = new HashMap<>();
    Map<String, PlannedUnit> units = new LinkedHashMap<>();
    Map<String, Integer> parentLines = new HashMap<>();
    Integer countyLine = null;
    String countyCode = null;
    for (OrgTable.Line row : unitFile.rows()) {
      int n = row.number();
      String code = row.get("code");
      String name = row.get("name");
      String levelText = row.get("level");
      String parent = row.get("parent");
      boolean valid = true;
      if (code.isEmpty()) {
        errors.line(uf, n, "缺少单位代码");
        valid = false;
      } else if (!CODE.matcher(code).matches()) {
        errors.line(uf, n, "单位代码“" + code + "”只能由字母、数字和下划线组成，至多32个字符");
        valid = false;
      } else if (unitLines.containsKey(code)) {
        errors.line(uf, n, "单位代码“" + code + "”重复（第" + unitLines.get(code) + "行已有）");
        valid = false;
      }
      if (name.isEmpty()) {
        errors.line(uf, n, "缺少单位名称");
        valid = false;
      } else if (name.length() > 100) {
        errors.line(uf, n, "单位名称过长（至多100个字）");
        valid = false;
      }
      Level level = Arrays.stream(Level.values()).filter(l -> l.name().equals(levelText)).findFirst().orElse(null);
      if (levelText.isEmpty()) {
        errors.line(uf, n, "缺少级别");
        valid = false;
      } else if (level == null) {
        errors.line(uf, n, "级别“" + levelText + "”不存在（应为 COUNTY、TOWN、VILLAGE 或 DEPARTMENT）");
        valid = false;
      }
      if (level == Level.COUNTY) {
        if (countyLine != null) {
          errors.line(uf, n, "只能有一个县（第" + countyLine + "行已有县“" + countyCode + "”）");
          valid = false;
        } else {
          countyLine = n;
          countyCode = code;
        }
        if (!parent.isEmpty()) {
          errors.line(uf, n, "县没有上级单位，parent 应留空");
        }
      } else if (level != null && parent.isEmpty()) {
        errors.line(uf, n, "缺少上级单位");
      }
      List<String> mergedFrom = Arrays.stream(row.get("mergedFrom").split("[;；]")).map(String::strip)
          .filter(s -> !s.isEmpty()).distinct().toList();
      if (!code.isEmpty() && !unitLines.containsKey(code)) {
        unitLines.put(code, n);
      }
      if (valid) {
        units.put(code, new PlannedUnit(code, name, level, parent.isEmpty() ? null : parent, mergedFrom));
        parentLines.put(code, n);
      }
    }
    Map<String, String> absorbedBy = new HashMap<>();
    for (PlannedUnit unit : units.values()) {
      int n = parentLines.get(unit.code());
      if (unit.parent() != null) {
        PlannedUnit parent = units.get(unit.parent());
        Level expected = switch (unit.level()) {
          case VILLAGE -> Level.TOWN;
          default -> Level.COUNTY;
        };
        if (parent == null) {
          if (!unitLines.containsKey(unit.parent())) {
            errors.line(uf, n, "上级单位“" + unit.parent() + "”不存在");
          }
        } else if (parent.level() != expected) {
          errors.line(uf, n, "上级单位“" + unit.parent() + "”是" + levelName(parent.level()) + "，"
              + levelName(unit.level()) + "的上级应为" + levelName(expected));
        }
      }
      Optional<Level> before = existingUnit.apply(unit.code());
      if (before.isPresent() && before.get() != unit.level()) {
        errors.line(uf, n, "单位“" + unit.code() + "”原为" + levelName(before.get()) + "，不能改为" + levelName(unit.level())
            + "（请另设新代码）");
      }
      for (String absorbed : unit.mergedFrom()) {
        if (absorbed.equals(unit.code())) {
          errors.line(uf, n, "单位“" + absorbed + "”不能并入自身");
        } else if (unitLines.containsKey(absorbed)) {
          errors.line(uf, n, "并入的单位“" + absorbed + "”仍列在单位表中（并入后应从表中删去）");
        } else if (absorbedBy.containsKey(absorbed)) {
          errors.line(uf, n, "单位“" + absorbed + "”已并入“" + absorbedBy.get(absorbed) + "”，不能再并入别的单位");
        } else {
          Optional<Level> level = existingUnit.apply(absorbed);
          if (level.isEmpty()) {
            errors.line(uf, n, "并入的单位“" + absorbed + "”不存在");
          } else if (level.get() != unit.level()) {
            errors.line(uf, n, "并入的单位“" + absorbed + "”是" + levelName(level.get()) + "，只能并入同级单位");
          } else {
            absorbedBy.put(absorbed, unit.code());
          }
        }
      }
    }

    // --- cadres ----------------------------------------------------------------------------------
    String cf = cadreFile.file();
    Map<String, String> names = new HashMap<>();
    Map<String, Integer> nameLines = new HashMap<>();
    Map<String, Integer> postLines = new HashMap<>();
    Map<String, String> villagePostOf = new HashMap<>();
    Map<String, Integer> villagePostLines = new HashMap<>();
    Map<String, List<PlannedPost>> posts = new LinkedHashMap<>();
    for (OrgTable.Line row : cadreFile.rows()) {
      int n = row.number();
      String user = row.get("userId");
      String name = row.get("name");
      String unitCode = row.get("unitCode");
      String roleText = row.get("role");
      boolean valid = true;
      if (user.isEmpty()) {
        errors.line(cf, n, "缺少用户名（userId）");
        valid = false;
      } else if (!USER_ID.matcher(user).matches()) {
        errors.line(cf, n, "用户名“" + user + "”只能由字母、数字和下划线组成，至多64个字符");
        valid = false;
      } else if (Origin.RESIDENT.equalsIgnoreCase(user) || Origin.SYSTEM.equalsIgnoreCase(user)) {
        // The ledger's and the engine's names for the resident on their own page and for the service itself:
        // a cadre with such an account would act in their name (a rating counted as the resident's own).
        errors.line(cf, n, "用户名“" + user + "”为系统保留名称（群众本人、系统），不能作为干部导入");
        valid = false;
      } else if (administrator.test(user)) {
        errors.line(cf, n, "用户名“" + user + "”是系统管理员账号，不能作为干部导入");
        valid = false;
      }
      if (name.isEmpty()) {
        errors.line(cf, n, "缺少姓名");
        valid = false;
      } else if (name.length() > 64) {
        errors.line(cf, n, "姓名过长（至多64个字）");
        valid = false;
      } else if (valid && names.containsKey(user) && !names.get(user).equals(name)) {
        errors.line(cf, n, "干部“" + user + "”的姓名“" + name + "”与第" + nameLines.get(user) + "行的“"
            + names.get(user) + "”不一致");
        valid = false;
      }
      Role role = Role.parse(roleText).orElse(null);
      if (roleText.isEmpty()) {
        errors.line(cf, n, "缺少职务（role）");
        valid = false;
      } else if (role == null) {
        errors.line(cf, n, "职务“" + roleText + "”不存在（应为 " + Arrays.stream(Role.values()).map(Role::name)
            .collect(Collectors.joining("、")) + "）");
        valid = false;
      }
      PlannedUnit unit = units.get(unitCode);
      if (unitCode.isEmpty()) {
        errors.line(cf, n, "缺少所在单位（unitCode）");
        valid = false;
      } else if (unit == null) {
        if (!unitLines.containsKey(unitCode)) {
          errors.line(cf, n, "单位“" + unitCode + "”不存在");
        }
        valid = false;
      } else if (role != null && role.level() != unit.level()) {
        errors.line(cf, n, "职务“" + role.name() + "”（" + role.title() + "）属于" + levelName(role.level()) + "，不能设在"
            + levelName(unit.level()) + "“" + unit.name() + "”");
        valid = false;
      }
      if (!valid) {
        continue;
      }
      names.putIfAbsent(user, name);
      nameLines.putIfAbsent(user, n);
      String key = user + "\u0000" + unitCode + "\u0000" + role.name();
      if (postLines.containsKey(key)) {
        errors.line(cf, n, "重复：干部“" + user + "”在“" + unit.name() + "”的职务“" + role.name() + "”第"
            + postLines.get(key) + "行已有");
        continue;
      }
      if (role == Role.SECRETARY || role == Role.COMMITTEE) {
        String other = villagePostOf.get(user);
        if (other != null && !other.equals(unitCode)) {
          errors.line(cf, n, "干部“" + user + "”已在第" + villagePostLines.get(user) + "行任“" + units.get(other).name()
              + "”的党支部书记或“两委”干部，不能同时在“" + unit.name() + "”任此类职务");
          continue;
        }
        villagePostOf.put(user, unitCode);
        villagePostLines.put(user, n);
      }
      postLines.put(key, n);
      posts.computeIfAbsent(user, u -> new ArrayList<>()).add(new PlannedPost(unitCode, role));
    }
    if (unitFile.errors().isEmpty() && units.isEmpty() && errors.isEmpty()) {
      errors.file(uf, uf + "：没有任何单位");
    }
    if (unitFile.errors().isEmpty() && units.values().stream().noneMatch(u -> u.level() == Level.COUNTY)
        && !units.isEmpty() && countyLine == null) {
      errors.file(uf, uf + "：缺少县（level 为 COUNTY 的一行）");
    }
    if (!errors.isEmpty()) {
      throw new InvalidOrganisationException(errors.all);
    }
    List<PlannedUnit> ordered = units.values().stream()
        .sorted(Comparator.comparingInt(u -> switch (u.level()) {
          case COUNTY -> 0;
          case TOWN, DEPARTMENT -> 1;
          case VILLAGE -> 2;
        })).toList();
    List<PlannedCadre> cadres = posts.entrySet().stream()
        .map(e -> new PlannedCadre(e.getKey(), names.get(e.getKey()), List.copyOf(e.getValue()))).toList();
    return new OrganisationPlan(ordered, cadres);
  }

  /** Every group a cadre of the plan is a member of. */
  public Set<String> groupsOf(String userId) {
    return cadres.stream().filter(c -> c.userId().equals(userId)).flatMap(c -> c.posts().stream())
        .map(p -> p.role().groupOf(p.unitCode())).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  static String levelName(Level level) {
    return switch (level) {
      case COUNTY -> "县";
      case TOWN -> "乡镇";
      case VILLAGE -> "村（社区）";
      case DEPARTMENT -> "县直部门";
    };
  }

  /** Errors keyed "file:line" (a second error on the same line gets ".2"), each a whole Chinese sentence. */
  private static final class Errors {
    private final Map<String, String> all = new LinkedHashMap<>();

    void line(String file, int line, String message) {
      put(file + ":" + line, file + " 第" + line + "行：" + message);
    }

    void file(String file, String message) {
      put(file, message);
    }

    private void put(String key, String message) {
      String k = key;
      for (int i = 2; all.containsKey(k); i++) {
        k = key + "." + i;
      }
      all.put(k, message);
    }

    boolean isEmpty() {
      return all.isEmpty();
    }
  }
}
