package cn.shuoshi.intake;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.reports.LedgerLabels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Where an item stands, as a resident may be told by its number: no names, no phone, no text the
 * resident or a cadre wrote.
 */
@Schema(description = "事项办理状态（不含个人信息）")
public record MatterStatus(
    @Schema(description = "事项编号", example = "LS01-2026-00042") String number,
    @Schema(description = "登记日期（北京时间）") LocalDate registeredOn,
    @Schema(description = "状态代码", example = "HANDLING") String state,
    @Schema(description = "状态", example = "办理中") String stateLabel,
    @Schema(description = "办理层级代码（分类后才有）", example = "VILLAGE") String level,
    @Schema(description = "办理层级", example = "村级自办") String levelLabel,
    @Schema(description = "办理期限（北京时间）") OffsetDateTime deadline,
    @Schema(description = "是否已超期") boolean overdue,
    @Schema(description = "办理结果代码", example = "RESOLVED") String outcome,
    @Schema(description = "办理结果", example = "已解决") String outcomeLabel,
    @Schema(description = "办结日期（北京时间）") LocalDate closedOn) {

  static MatterStatus of(LedgerEntry e) {
    return new MatterStatus(e.matterNumber(), day(e.registeredAt()), e.state().name(), e.state().label(),
        e.handlingList(), e.handlingList() == null ? null : LedgerLabels.handlingList(e.handlingList()),
        beijing(e.deadline()), e.overdue(), e.outcome(),
        e.outcome() == null ? null : LedgerLabels.outcome(e.outcome()), day(e.closedAt()));
  }

  private static OffsetDateTime beijing(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(EngineClock.BEIJING).toOffsetDateTime();
  }

  private static LocalDate day(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(EngineClock.BEIJING).toLocalDate();
  }
}
