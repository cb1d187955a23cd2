package cn.shuoshi.ledger;

/**
 * One line of an item's history ({@code matter_event}): what happened ({@code kind}: a {@link Kind}
 * the service records, or the id of the user task a cadre completed), what was decided (its own
 * column, so that reports count decisions without reading the display note), who did it (null: whoever
 * acts now) and the note shown to people.
 */
public record LedgerEvent(String kind, String decision, String actor, String note) {

  /** What the service itself records; a cadre's step is recorded under its user task's id. */
  public enum Kind {
    REGISTERED, MERGED, LINKED, ROUTED, ESCALATED, LEVEL_DONE, PASSED_UP, UNIT_DONE, DISPATCHED, RETURNED,
    SIGN_FOR_LATE, RULED, REOPENED, COMMITTED, CLOSED, CLOSED_OUT, EXTENDED, EXTENSION_REFUSED,
    REMINDED, OVERDUE, PUBLIC_NOTICE, CALENDAR_MISSING, RESOLUTION_PUBLISHED, PROPOSAL_REJECTED,
    HANDED_OVER, ATTACHED, PHOTO_PUBLISHED, PHOTO_WITHDRAWN, URGED, UNRATED, RESIDENT_LINK_REVOKED,
    RESIDENT_LINK_ISSUED
  }

  public LedgerEvent {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a ledger event needs a kind");
    }
  }

  /** An event the service records, by whoever acts now. */
  public static LedgerEvent of(Kind kind, String note) {
    return new LedgerEvent(kind.name(), null, null, note);
  }

  /** A cadre's completed step: the task's id, its decision (may be null), who completed it. */
  public static LedgerEvent step(String taskDefinitionKey, String decision, String actor, String note) {
    return new LedgerEvent(taskDefinitionKey, decision, actor, note);
  }

  public LedgerEvent decided(String value) {
    return new LedgerEvent(kind, value, actor, note);
  }

  public LedgerEvent by(String who) {
    return new LedgerEvent(kind, decision, who, note);
  }
}
