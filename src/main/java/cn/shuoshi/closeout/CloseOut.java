package cn.shuoshi.closeout;

import cn.shuoshi.audit.Origin;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.model.ModelFunction;
import cn.shuoshi.settings.ShuoshiSettings;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The monthly close-out (销号): on the configured day every closed item not yet closed out is struck
 * off, so the notice board shows it as 已销号 and next month's board no longer lists it. Registered as
 * {@code closeOut} for the gateway of processes/monthly-close-out.bpmn, which may call {@link #isToday()}
 * only (a {@link ModelFunction}); the close-out itself runs in the delegate {@code closeOutFinishedItems}.
 */
@Component("closeOut")
public class CloseOut {

  private final JdbcTemplate jdbc;
  private final EngineClock clock;
  private final int dayOfMonth;

  public CloseOut(JdbcTemplate jdbc, EngineClock clock, ShuoshiSettings settings) {
    int dayOfMonth = settings.closeOut().dayOfMonth();
    this.jdbc = jdbc;
    this.clock = clock;
    this.dayOfMonth = dayOfMonth;
  }

  /** Whether today (Beijing) is the close-out day; a day beyond the month's end means its last day. */
  @ModelFunction
  public boolean isToday() {
    LocalDate today = clock.today();
    return today.getDayOfMonth() == Math.min(dayOfMonth, today.lengthOfMonth());
  }

  /** Closes out every closed item not yet closed out; returns how many. */
  public int closeOutFinishedItems() {
    var now = clock.now().atOffset(ZoneOffset.UTC);
    String month = YearMonth.from(clock.today()).toString();
    // History first, while the rows still tell which items this close-out takes.
    Origin origin = Origin.now();
    jdbc.update("insert into matter_event (matter_id, occurred_at, kind, actor, door, note) "
        + "select id, ?, 'CLOSED_OUT', ?, ?, ? from matter where state = 'CLOSED' and closed_out_at is null",
        now, origin.actor(), origin.door().name(), month);
    return jdbc.update("update matter set closed_out_at = ?, closed_out_month = ?, updated_at = ? "
        + "where state = 'CLOSED' and closed_out_at is null", now, month, now);
  }
}
