package cn.shuoshi.reliability;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_OVERDUE_TIMER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.SUPERVISE_OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterSteps;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The configured retry cycle ({@code failedJobRetryTimeCycle: R3/PT10M}) applies to our timers: a
 * timer whose job fails is tried again ten minutes later, twice; the third failure is an incident
 * (Cockpit shows it on the process); once repaired and retried from Cockpit, the timer's work happens
 * exactly once. Time is the engine clock; the job fails for a real reason (a variable an operator
 * deleted in Cockpit).
 */
@ShuoshiTest
class FailedJobRetryTest {

  static final String CADRE = "ls11_ganbu1";
  static final String SUPERVISORS_GROUP = "supervisorsGroup";

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aFailingTimerIsRetriedTwiceTenMinutesApartThenIsAnIncidentAndFiresOnceWhenRepaired() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS11"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    String number = steps.number(item);
    ProcessInstance unit = items.unit(item);
    Object group = runtime.getVariable(unit.getId(), SUPERVISORS_GROUP);
    assertThat(group).isNotNull();
    runtime.removeVariable(unit.getId(), SUPERVISORS_GROUP);
    String jobId = items.timer(item, HANDLE_OVERDUE_TIMER).getId();

    for (int attempt = 1; attempt <= 3; attempt++) {
      Job due = job(jobId);
      Date now = new Date(Math.max(ClockUtil.getCurrentTime().getTime(), due.getDuedate().getTime()) + 1000);
      ClockUtil.setCurrentTime(now);

      assertThatThrownBy(() -> management.executeJob(jobId)).as("attempt " + attempt).isNotNull();

      Job failed = job(jobId);
      assertThat(failed.getRetries()).as("retries left after attempt " + attempt).isEqualTo(3 - attempt);
      assertThat(failed.getExceptionMessage()).contains(SUPERVISORS_GROUP);
      if (attempt < 3) {
        assertThat(failed.getDuedate()).as("next try ten minutes later")
            .isEqualTo(Date.from(now.toInstant().plus(Duration.ofMinutes(10))));
        assertThat(incidents(jobId)).isZero();
      }
    }
    Incident incident = runtime.createIncidentQuery().configuration(jobId).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(HANDLE_OVERDUE_TIMER);
    assertThat(events(number, "OVERDUE")).isZero();

    // Repaired (the variable restored) and retried as from Cockpit: the timer's work happens once.
    runtime.setVariable(unit.getId(), SUPERVISORS_GROUP, group);
    management.setJobRetries(jobId, 1);
    management.executeJob(jobId);

    assertThat(incidents(jobId)).isZero();
    assertThat(events(number, "OVERDUE")).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(SUPERVISE_OVERDUE).count())
        .isEqualTo(1);
  }

  Job job(String id) {
    return management.createJobQuery().jobId(id).singleResult();
  }

  long incidents(String jobId) {
    return runtime.createIncidentQuery().configuration(jobId).count();
  }

  long events(String number, String kind) {
    return jdbc.queryForObject("select count(*) from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind = ?", Long.class, number, kind);
  }
}
