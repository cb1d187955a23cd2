package cn.shuoshi.clock;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code workingCalendar}: {@code WARNING} while this year's schedule
 * is missing, or next year's from 1 November; {@code UP} otherwise. {@code WARNING} is a status of its
 * own that ranks below {@code UP} ({@code management.endpoint.health.status.order}), so the overall
 * status stays {@code UP} and the answer 200: load balancers take no node out of service for a missing
 * calendar, while monitoring sees the component's status (the details, in Chinese, are also at
 * {@code GET /api/calendar/status} and on the Admin app's start page).
 */
@Component
public class WorkingCalendarHealthIndicator implements HealthIndicator {

  public static final Status WARNING = new Status("WARNING", "工作日历缺少年份");

  private final CalendarStatus status;

  public WorkingCalendarHealthIndicator(CalendarStatus status) {
    this.status = status;
  }

  @Override
  public Health health() {
    CalendarStatus.Status now;
    try {
      now = status.now();
    } catch (DataAccessException databaseAway) {
      // The component db says DOWN already; the calendar itself is not the problem.
      return Health.unknown().build();
    }
    return Health.status(now.warning() ? WARNING : Status.UP)
        .withDetail("loadedYears", now.loadedYears())
        .withDetail("missingYears", now.missingYears())
        .withDetail("message", now.message())
        .build();
  }
}
