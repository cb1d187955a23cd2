package cn.shuoshi.ledger;

import java.time.Instant;

/** Filters of a ledger listing; null means "any". */
public record LedgerQuery(
    String villageCode,
    String townCode,
    MatterState state,
    String responsibleCadre,
    String outcome,
    Instant deadlineBefore,
    Boolean overdue) {

  public static LedgerQuery village(String villageCode) {
    return new LedgerQuery(villageCode, null, null, null, null, null, null);
  }

  public LedgerQuery withState(MatterState s) {
    return new LedgerQuery(villageCode, townCode, s, responsibleCadre, outcome, deadlineBefore, overdue);
  }

  public LedgerQuery withResponsibleCadre(String cadre) {
    return new LedgerQuery(villageCode, townCode, state, cadre, outcome, deadlineBefore, overdue);
  }

  public LedgerQuery withOutcome(String o) {
    return new LedgerQuery(villageCode, townCode, state, responsibleCadre, o, deadlineBefore, overdue);
  }

  public LedgerQuery overdueOnly() {
    return new LedgerQuery(villageCode, townCode, state, responsibleCadre, outcome, deadlineBefore, true);
  }
}
