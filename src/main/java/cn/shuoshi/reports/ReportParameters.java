package cn.shuoshi.reports;

import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org.Unit;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.MatterState;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Reads the query parameters of the reports (unit, month, filters), naming every bad one in Chinese. */
@Component
public class ReportParameters {

  private static final Set<Level> REPORTING_LEVELS = Set.of(Level.VILLAGE, Level.TOWN, Level.COUNTY);
  private static final List<String> TYPES = List.of("PROBLEM", "REQUEST", "PETITION", "SUGGESTION");
  private static final List<String> OUTCOMES = List.of("RESOLVED", "COMMITTED", "EXPLAINED");

  private final Org org;
  private final EngineClock clock;

  public ReportParameters(Org org, EngineClock clock) {
    this.org = org;
    this.clock = clock;
  }

  /** A ledger filter from request parameters; throws {@link InvalidRequestException} naming each bad one. */
  public LedgerFilter ledgerFilter(String unit, String month, String state, String type, String outcome,
      String overdue, String responsible) {
    Map<String, String> errors = new LinkedHashMap<>();
    Unit u = unit(unit, errors);
    YearMonth m = month == null || month.isBlank() ? null : month(month, errors);
    MatterState s = null;
    if (state != null && !state.isBlank()) {
      s = Arrays.stream(MatterState.values()).filter(v -> v.name().equals(state)).findFirst().orElse(null);
      if (s == null) {
        errors.put("state", "状态“" + state + "”不存在（可选：" + String.join("、",
            Arrays.stream(MatterState.values()).map(Enum::name).toList()) + "）");
      }
    }
    String t = option("type", "事项类型", type, TYPES, errors);
    String o = option("outcome", "办理结果", outcome, OUTCOMES, errors);
    Boolean late = null;
    if (overdue != null && !overdue.isBlank()) {
      if (!overdue.equals("true") && !overdue.equals("false")) {
        errors.put("overdue", "参数“overdue”只能是 true 或 false");
      } else {
        late = Boolean.valueOf(overdue);
      }
    }
    String r = responsible == null || responsible.isBlank() ? null : responsible.strip();
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new LedgerFilter(u, m, s, t, o, late, r);
  }

  /** A village, town or county and a month (this month when none is given). */
  public Scope scope(String unit, String month) {
    Map<String, String> errors = new LinkedHashMap<>();
    Unit u = unit(unit, errors);
    YearMonth m = month == null || month.isBlank() ? YearMonth.from(clock.today()) : month(month, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new Scope(u, m);
  }

  public record Scope(Unit unit, YearMonth month) {}

  private Unit unit(String code, Map<String, String> errors) {
    if (code == null || code.isBlank()) {
      errors.put("unit", "缺少参数“unit”（村、镇或县的单位代码，如 LS01、LS、YL）");
      return null;
    }
    Unit unit = org.unit(code.strip()).filter(u -> REPORTING_LEVELS.contains(u.level())).orElse(null);
    if (unit == null) {
      errors.put("unit", "单位“" + abbreviate(code) + "”不存在或不是村、镇、县");
    }
    return unit;
  }

  private static YearMonth month(String text, Map<String, String> errors) {
    try {
      return YearMonth.parse(text.strip());
    } catch (DateTimeParseException e) {
      errors.put("month", "月份“" + abbreviate(text) + "”格式不正确，应为 2026-05 这样的年-月");
      return null;
    }
  }

  private static String option(String param, String label, String value, List<String> allowed,
      Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!allowed.contains(value)) {
      errors.put(param, label + "“" + abbreviate(value) + "”不在可选范围内（可选：" + String.join("、", allowed) + "）");
      return null;
    }
    return value;
  }

  private static String abbreviate(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }
}
