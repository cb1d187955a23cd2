package cn.shuoshi.clock;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The State Council's schedule as the calendar holds it in the database, loaded there at start from
 * calendar/cn-working-days.yaml.
 */
@ShuoshiTest
class WorkingDayCalendarTest {

  @Autowired WorkingDayCalendar calendar;

  @Test
  void fiveWorkingDaysAcrossTheNationalDayWeekOf2025() {
    // 30 Sep; 1–8 Oct off; 9, 10, 11 (Saturday worked, 调休), 13.
    assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 9, 29), 5)).isEqualTo(LocalDate.of(2025, 10, 13));
  }

  @Test
  void makeUpSaturdaysAreWorkingDaysAndHolidayWeekdaysAreNot() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 28))).as("Sunday worked before National Day").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).as("Wednesday in the holiday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("Saturday worked before Spring Festival")
        .isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("Spring Festival Monday").isFalse();
  }

  @Test
  void anOrdinaryWeekCountsMondayToFriday() {
    // Friday 14 November 2025 + 1 working day = Monday 17th.
    assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 11, 14), 1)).isEqualTo(LocalDate.of(2025, 11, 17));
    assertThat(calendar.plus(LocalDate.of(2025, 11, 14), 3, false)).isEqualTo(LocalDate.of(2025, 11, 17));
  }

  @Test
  void aYearWithoutAScheduleFallsBackToWeekends() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2031, 10, 1))).as("a Wednesday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2031, 10, 4))).as("a Saturday").isFalse();
  }
}
