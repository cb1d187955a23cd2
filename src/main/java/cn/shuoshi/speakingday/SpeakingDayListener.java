package cn.shuoshi.speakingday;

import static cn.shuoshi.speakingday.SpeakingDay.*;

import cn.shuoshi.forms.SubmissionValidator;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secretary's meeting task: a readable name in the Tasklist, the form checked on the server like
 * every other form, and the meeting recorded in {@code speaking_meeting} in the same transaction.
 */
@Component
public class SpeakingDayListener {

  private final SubmissionValidator validator;
  private final JdbcTemplate jdbc;

  public SpeakingDayListener(SubmissionValidator validator, JdbcTemplate jdbc) {
    this.validator = validator;
    this.jdbc = jdbc;
  }

  @EventListener
  public void onTask(DelegateTask task) {
    if (task.getProcessDefinitionId() == null || !task.getProcessDefinitionId().startsWith(KEY + ":")
        || !HOLD_MEETING.equals(task.getTaskDefinitionKey())) {
      return;
    }
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setName(task.getName() + " · " + task.getVariable(VILLAGE_NAME) + "（" + task.getVariable(SPEAKING_DATE) + "）");
    } else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
      Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String actor = user != null ? user.getUserId() : task.getAssignee();
      validator.validate(FORM, task, actor);
      String attendance = (String) task.getVariable(ATTENDANCE);
      String heldOn = (String) task.getVariable(HELD_ON);
      jdbc.update("update speaking_meeting set held_on = ?, held_by = ?, attendance = ?, note = ? "
              + "where process_instance_id = ? and village_code = ?",
          LocalDate.parse(heldOn.substring(0, 10)), actor, attendance == null ? null : Integer.valueOf(attendance),
          task.getVariable(MEETING_NOTE), task.getProcessInstanceId(), task.getVariable(VILLAGE_CODE));
    }
  }
}
