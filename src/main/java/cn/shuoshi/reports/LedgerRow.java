package cn.shuoshi.reports;

import cn.shuoshi.ledger.Desk;
import cn.shuoshi.ledger.MatterState;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One item as the reports read it (ledger export, notice board, rates): the ledger row with the
 * village's and responsible cadre's names and the report columns of V3. Holds the reporter's
 * details; each report decides what of them it may show ({@link LedgerAccess} masks them for the API).
 */
public record LedgerRow(
    String matterNumber,
    String villageCode,
    String villageName,
    String townCode,
    String channel,
    String reporterName,
    String reporterPhone,
    boolean confidential,
    String title,
    OffsetDateTime registeredAt,
    MatterState state,
    String matterType,
    String handlingList,
    String subject,
    String responsibleCadre,
    String responsibleName,
    OffsetDateTime deadline,
    boolean overdue,
    OffsetDateTime overdueAt,
    String outcome,
    LocalDate promisedDate,
    String satisfaction,
    OffsetDateTime classifyDueAt,
    OffsetDateTime classifiedAt,
    OffsetDateTime closedAt,
    OffsetDateTime closedOutAt,
    String registeredBy,
    String handledBy,
    String deskRole,
    String satisfactionBy,
    String residentSatisfaction) {

  /**
   * The rating the satisfaction rate counts (README "The three rates"): the resident's own latest rating
   * if they gave one on their page, else the last one a cadre recorded; null when none (未评价).
   */
  public String countedRating() {
    if (residentSatisfaction != null) {
      return residentSatisfaction;
    }
    return satisfaction == null || "UNRATED".equals(satisfaction) ? null : satisfaction;
  }

  /** A petition or a complaint about a cadre: never shown to the village, never on a public page. */
  public boolean isSensitive() {
    return Desk.isSensitive(deskRole);
  }
}
