package cn.shuoshi.speakingday;

import static cn.shuoshi.speakingday.SpeakingDay.*;

import cn.shuoshi.model.Variable;
import cn.shuoshi.steps.StepRecord;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secretary's meeting task ({@code record=speakingMeeting} on {@value SpeakingDay#HOLD_MEETING}):
 * the meeting is recorded in {@code speaking_meeting} in the same transaction.
 */
@Component
public class SpeakingMeetingRecord implements StepRecord {

  private final JdbcTemplate jdbc;

  public SpeakingMeetingRecord(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "speakingMeeting";
  }

  @Override
  public void record(DelegateTask task, String actor) {
    String attendance = Variable.text(task, ATTENDANCE);
    String heldOn = Variable.text(task, HELD_ON);
    jdbc.update("update speaking_meeting set held_on = ?, held_by = ?, attendance = ?, note = ? "
            + "where process_instance_id = ? and village_code = ?",
        LocalDate.parse(heldOn.substring(0, 10)), actor, attendance == null ? null : Integer.valueOf(attendance),
        task.getVariable(MEETING_NOTE), task.getProcessInstanceId(), task.getVariable(VILLAGE_CODE));
  }
}
