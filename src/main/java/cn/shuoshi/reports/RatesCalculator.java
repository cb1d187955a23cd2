package cn.shuoshi.reports;

import static cn.shuoshi.matter.MatterProcess.Values.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The monthly figures of a unit (README.md, "The three rates"), computed from the items open during
 * the month; a town's also for each of its villages, a county's for each of its towns.
 */
@Component
public class RatesCalculator {

  private final LedgerQueries queries;
  private final EngineClock clock;

  public RatesCalculator(LedgerQueries queries, EngineClock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  public UnitRates rates(Unit unit, YearMonth month) {
    List<LedgerRow> rows = queries.openDuring(unit, month);
    Map<String, Integer> returns = queries.returnsIn(unit, month);
    List<UnitRates> children = unit.level() == Level.VILLAGE ? List.of() : queries.children(unit).stream()
        .map(child -> figures(child, month, rows.stream().filter(belongsTo(child)).toList(), returns, List.of()))
        .toList();
    return figures(unit, month, rows, returns, children);
  }

  private UnitRates figures(Unit unit, YearMonth month, List<LedgerRow> rows, Map<String, Integer> returns,
      List<UnitRates> children) {
    OffsetDateTime start = LedgerQueries.start(month);
    OffsetDateTime end = LedgerQueries.start(month.plusMonths(1));
    OffsetDateTime now = clock.now().atOffset(java.time.ZoneOffset.UTC);
    OffsetDateTime endOrNow = end.isBefore(now) ? end : now;

    List<LedgerRow> registered = rows.stream().filter(r -> in(r.registeredAt(), start, end)).toList();
    // Response: classification was due (or done) — and was it done by its due date?
    List<LedgerRow> responseDue = registered.stream().filter(r -> r.classifyDueAt() != null
        && (r.classifiedAt() != null || r.classifyDueAt().isBefore(now))).toList();
    int respondedInTime = (int) responseDue.stream()
        .filter(r -> r.classifiedAt() != null && !r.classifiedAt().isAfter(r.classifyDueAt())).count();

    List<LedgerRow> closed = rows.stream().filter(r -> in(r.closedAt(), start, end)).toList();
    int resolved = (int) closed.stream().filter(r -> OUTCOME_RESOLVED.equals(r.outcome())).count();
    // The resident's own rating first, else the one a cadre recorded (LedgerRow#countedRating).
    List<LedgerRow> rated = closed.stream().filter(r -> r.countedRating() != null).toList();
    int satisfied = (int) rated.stream()
        .filter(r -> SATISFIED.equals(r.countedRating()) || BASICALLY_SATISFIED.equals(r.countedRating())).count();
    int ratedByResident = (int) rated.stream().filter(r -> r.residentSatisfaction() != null).count();
    int satisfiedByResident = (int) rated.stream().filter(r -> SATISFIED.equals(r.residentSatisfaction())
        || BASICALLY_SATISFIED.equals(r.residentSatisfaction())).count();
    int unrated = closed.size() - rated.size();
    BigDecimal averageDays = closed.isEmpty() ? null : BigDecimal.valueOf(closed.stream()
            .mapToLong(r -> Duration.between(r.registeredAt(), r.closedAt()).toMinutes()).sum())
        .divide(BigDecimal.valueOf(closed.size() * 24L * 60L), 1, RoundingMode.HALF_UP);

    int overdue = (int) rows.stream().filter(r -> in(r.overdueAt(), start, end)).count();
    int returned = rows.stream().mapToInt(r -> returns.getOrDefault(r.matterNumber(), 0)).sum();
    int open = (int) rows.stream().filter(r -> r.registeredAt().isBefore(endOrNow)
        && (r.closedAt() == null || !r.closedAt().isBefore(endOrNow))).count();

    return new UnitRates(unit.code(), unit.name(), unit.level().name(), month, registered.size(),
        responseDue.size(), respondedInTime, percent(respondedInTime, responseDue.size()),
        closed.size(), resolved, percent(resolved, closed.size()),
        rated.size(), satisfied, percent(satisfied, rated.size()),
        ratedByResident, percent(ratedByResident, rated.size()), satisfiedByResident,
        percent(satisfiedByResident, ratedByResident), rated.size() - ratedByResident, unrated,
        overdue, returned, averageDays, open, children);
  }

  private static Predicate<LedgerRow> belongsTo(Unit child) {
    return r -> child.level() == Level.VILLAGE ? child.code().equals(r.villageCode()) : child.code().equals(r.townCode());
  }

  private static boolean in(OffsetDateTime t, OffsetDateTime start, OffsetDateTime end) {
    return t != null && !t.isBefore(start) && t.isBefore(end);
  }

  static BigDecimal percent(int part, int whole) {
    return whole == 0 ? null
        : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }
}
