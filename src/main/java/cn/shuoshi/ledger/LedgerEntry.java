package cn.shuoshi.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One row of the ledger (台账) as a cadre or supervisor lists it. */
public record LedgerEntry(
    long id,
    String matterNumber,
    String processInstanceId,
    String villageCode,
    String townCode,
    String channel,
    String reporterName,
    String reporterPhone,
    boolean confidential,
    String title,
    String registeredBy,
    OffsetDateTime registeredAt,
    MatterState state,
    String matterType,
    String handlingList,
    String subject,
    String responsibleCadre,
    OffsetDateTime deadline,
    boolean overdue,
    int supervisionCount,
    String handledBy,
    String outcome,
    LocalDate promisedDate,
    String policyBasis,
    String verifiedBy,
    String feedbackMethod,
    String satisfaction,
    int dissatisfiedCount,
    OffsetDateTime closedAt,
    String handlingLevel,
    String handlingUnit,
    boolean signForLate,
    int returnCount,
    int extensionCount,
    int escalationCount,
    boolean publicNotice,
    String duplicateOf,
    String deskRole) {

  /** A petition or a complaint about a cadre: followed by a town desk, never shown to the village. */
  public boolean isSensitive() {
    return Desk.isSensitive(deskRole);
  }

  /** Still being worked on: neither closed nor merged into another item. */
  public boolean isOpen() {
    return state != MatterState.CLOSED && state != MatterState.MERGED;
  }
}
