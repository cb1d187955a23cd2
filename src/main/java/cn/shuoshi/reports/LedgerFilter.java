package cn.shuoshi.reports;

import cn.shuoshi.directory.Org.Unit;
import cn.shuoshi.ledger.MatterState;
import java.time.YearMonth;

/**
 * What a cadre asks of the ledger: a unit (village, town or county, required), and optionally the
 * month of registration, state, type, outcome, overdue only, responsible cadre. Null means "any".
 */
public record LedgerFilter(
    Unit unit,
    YearMonth month,
    MatterState state,
    String matterType,
    String outcome,
    Boolean overdue,
    String responsibleCadre) {

  public static LedgerFilter of(Unit unit) {
    return new LedgerFilter(unit, null, null, null, null, null, null);
  }

  public LedgerFilter inMonth(YearMonth m) {
    return new LedgerFilter(unit, m, state, matterType, outcome, overdue, responsibleCadre);
  }
}
