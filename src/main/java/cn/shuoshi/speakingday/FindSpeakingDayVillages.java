package cn.shuoshi.speakingday;

import static cn.shuoshi.speakingday.SpeakingDay.*;

import cn.shuoshi.clock.EngineClock;
import java.time.LocalDate;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs every morning (timer of processes/speaking-day.bpmn): which villages hold their speaking
 * meeting today, in Beijing time. Their secretaries each get a meeting task.
 */
@Component("findSpeakingDayVillages")
public class FindSpeakingDayVillages implements JavaDelegate {

  private final SpeakingDaySchedule schedule;
  private final EngineClock clock;

  public FindSpeakingDayVillages(SpeakingDaySchedule schedule, EngineClock clock) {
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = clock.today();
    execution.setVariable(VILLAGE_CODES, new ArrayList<>(schedule.villagesMeetingOn(today)));
    execution.setVariable(SPEAKING_DATE, today.toString());
    execution.setVariable(MEETING_DUE, EngineClock.endOfDay(today));
  }
}
