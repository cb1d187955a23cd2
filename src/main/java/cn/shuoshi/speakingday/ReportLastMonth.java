package cn.shuoshi.speakingday;

import static cn.shuoshi.speakingday.SpeakingDay.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.model.Variable;
import cn.shuoshi.reports.RatesCalculator;
import cn.shuoshi.reports.UnitRates;
import java.time.YearMonth;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The meeting opens with last month's results (004): items closed, still open and overdue in the
 * village. The figures go to the secretary's meeting task and into {@code speaking_meeting}.
 */
@Component("reportLastMonth")
public class ReportLastMonth implements JavaDelegate {

  private final RatesCalculator rates;
  private final Org org;
  private final EngineClock clock;
  private final JdbcTemplate jdbc;

  public ReportLastMonth(RatesCalculator rates, Org org, EngineClock clock, JdbcTemplate jdbc) {
    this.rates = rates;
    this.org = org;
    this.clock = clock;
    this.jdbc = jdbc;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String village = Variable.text(execution, VILLAGE_CODE);
    YearMonth lastMonth = YearMonth.from(clock.today()).minusMonths(1);
    UnitRates figures = rates.rates(org.village(village).orElseThrow(
        () -> new IllegalStateException("unknown village " + village)), lastMonth);
    // Local to this village's sub-process instance: the villages' meetings run side by side.
    execution.setVariableLocal(VILLAGE_NAME, figures.unitName());
    execution.setVariableLocal(REPORTED_MONTH, lastMonth.getYear() + "年" + lastMonth.getMonthValue() + "月");
    execution.setVariableLocal(LAST_MONTH_CLOSED, figures.closed());
    execution.setVariableLocal(LAST_MONTH_OPEN, figures.open());
    execution.setVariableLocal(LAST_MONTH_OVERDUE, figures.overdue());
    jdbc.update("insert into speaking_meeting (process_instance_id, village_code, scheduled_on, reported_month, "
            + "closed_count, open_count, overdue_count) values (?, ?, ?, ?, ?, ?, ?)",
        execution.getProcessInstanceId(), village, clock.today(), lastMonth.toString(), figures.closed(),
        figures.open(), figures.overdue());
  }
}
