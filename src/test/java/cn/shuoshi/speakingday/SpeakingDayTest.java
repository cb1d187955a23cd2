package cn.shuoshi.speakingday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.reports.FixedMonth;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monthly speaking day: the morning timer finds the villages whose day it is, and each village's
 * branch secretary gets a meeting task with last month's results to announce.
 */
@ShuoshiTest
class SpeakingDayTest {

  @Autowired ApplicationContext context;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  FixedMonth data;

  @BeforeEach
  void setUp() {
    data = FixedMonth.get(context);
    // 龙山村 holds its meeting on the 12th; every other village on the configured 5th.
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("ls03_shuji", TestOrganisation.password("ls03_shuji"));
    assertThat(http.exchange("/api/speaking-days/LS03", HttpMethod.PUT,
        new HttpEntity<>(Map.of("dayOfMonth", 12), headers), String.class).getStatusCode().value()).isEqualTo(200);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Fires the speaking-day timer at 06:00 Beijing on {@code day} and returns the process it started. */
  ProcessInstance morningOf(LocalDateTime day) {
    FixedMonth.clock(day.withHour(6).withMinute(0));
    Job timer = management.createJobQuery().processDefinitionKey(SpeakingDay.KEY).timers().singleResult();
    List<String> before = runtime.createProcessInstanceQuery().processDefinitionKey(SpeakingDay.KEY).list().stream()
        .map(ProcessInstance::getId).toList();
    management.executeJob(timer.getId());
    assertThat(management.createJobQuery().processDefinitionKey(SpeakingDay.KEY).timers().count())
        .as("the timer is set for the next morning").isEqualTo(1);
    return runtime.createProcessInstanceQuery().processDefinitionKey(SpeakingDay.KEY).list().stream()
        .filter(p -> !before.contains(p.getId())).findFirst()
        .orElseThrow(() -> new AssertionError("no speaking day started"));
  }

  @Test
  void onTheFifthEveryVillageButOneGetsItsMeetingTaskWithLastMonthsResults() {
    ProcessInstance speakingDay = morningOf(data.at(5, 6).plusMonths(1));

    List<Task> meetings = tasks.createTaskQuery().processInstanceId(speakingDay.getId()).list();
    assertThat(meetings).hasSize(17);
    assertThat(tasks.createTaskQuery().processInstanceId(speakingDay.getId()).taskCandidateGroup("LS03_secretary")
        .count()).isZero();
    Task shimen = tasks.createTaskQuery().processInstanceId(speakingDay.getId()).taskCandidateGroup("LS04_secretary")
        .singleResult();
    assertThat(shimen.getName()).startsWith("召开党群说事会").contains("石门村");
    assertThat(shimen.getDueDate().toInstant().atZone(cn.shuoshi.clock.EngineClock.BEIJING).toLocalDate())
        .isEqualTo(data.month.plusMonths(1).atDay(5));
    // 石门村 last month: A and B closed, C still open and overdue.
    Map<String, Object> shown = tasks.getVariables(shimen.getId());
    assertThat(shown).containsEntry("lastMonthClosed", 2).containsEntry("lastMonthOpen", 1)
        .containsEntry("lastMonthOverdue", 1).containsEntry("villageName", "石门村");

    // The secretary records the meeting; the form is checked on the server like every other.
    identity.setAuthentication("ls04_shuji", List.of("LS04_secretary"));
    try {
      tasks.claim(shimen.getId(), "ls04_shuji");
      assertThatThrownBy(() -> forms.submitTaskForm(shimen.getId(), Map.of("heldOn", "2020-01-01", "attendance", "很多")))
          .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("参会人数");
      forms.submitTaskForm(shimen.getId(), Map.of("heldOn", data.month.plusMonths(1).atDay(5).toString(),
          "attendance", "36", "meetingNote", "通报上月办结2件；群众反映3件，已登记。"));
    } finally {
      identity.clearAuthentication();
    }
    Map<String, Object> meeting = jdbc.queryForMap("select reported_month, closed_count, open_count, overdue_count, "
        + "held_by, attendance from speaking_meeting where process_instance_id = ? and village_code = 'LS04'",
        speakingDay.getId());
    assertThat(meeting).containsEntry("REPORTED_MONTH", data.month.toString()).containsEntry("CLOSED_COUNT", 2)
        .containsEntry("OPEN_COUNT", 1).containsEntry("OVERDUE_COUNT", 1).containsEntry("HELD_BY", "ls04_shuji")
        .containsEntry("ATTENDANCE", 36);
  }

  @Test
  void onTheTwelfthOnlyTheVillageThatChoseItMeets() {
    ProcessInstance speakingDay = morningOf(data.at(12, 6).plusMonths(1));

    assertThat(tasks.createTaskQuery().processInstanceId(speakingDay.getId()).list()).singleElement()
        .satisfies(t -> assertThat(tasks.getIdentityLinksForTask(t.getId())).anySatisfy(
            link -> assertThat(link.getGroupId()).isEqualTo("LS03_secretary")));
  }

  @Test
  void onAnOrdinaryDayNobodyMeets() {
    FixedMonth.clock(data.at(6, 6).plusMonths(1));
    Job timer = management.createJobQuery().processDefinitionKey(SpeakingDay.KEY).timers().singleResult();
    management.executeJob(timer.getId());

    assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
        .createHistoricActivityInstanceQuery().activityId(SpeakingDay.END_NO_MEETING).count()).isPositive();
  }

  @Test
  void onlyTheVillagesOrTownsCadresMaySetItsDay() {
    HttpHeaders stranger = new HttpHeaders();
    stranger.setBasicAuth("ls05_shuji", TestOrganisation.password("ls05_shuji"));
    assertThat(http.exchange("/api/speaking-days/LS03", HttpMethod.PUT,
        new HttpEntity<>(Map.of("dayOfMonth", 20), stranger), String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(http.exchange("/api/speaking-days/LS05", HttpMethod.PUT,
        new HttpEntity<>(Map.of("dayOfMonth", 32), stranger), String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(http.exchange("/api/speaking-days", HttpMethod.GET, new HttpEntity<>(stranger), Map.class).getBody())
        .containsEntry("LS03", 12).containsEntry("LS05", 5);
  }
}
