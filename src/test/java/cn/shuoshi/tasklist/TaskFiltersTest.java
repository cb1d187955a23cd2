package cn.shuoshi.tasklist;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Tasklist filters as a cadre of 王庄村 (LS12) sees them: each one a query over their own tasks. */
@ShuoshiTest
class TaskFiltersTest {

  static final String CADRE = "ls12_ganbu1";

  @Autowired FilterService filters;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired MatterSteps steps;

  @AfterEach
  void logOut() {
    identity.clearAuthentication();
  }

  List<String> titlesIn(String filterName) {
    String id = filters.createFilterQuery().filterName(filterName).singleResult().getId();
    identity.setAuthentication(CADRE, identity.createGroupQuery().groupMember(CADRE).list().stream()
        .map(g -> g.getId()).toList());
    try {
      List<Task> listed = filters.list(id);
      return listed.stream().map(Task::getName).toList();
    } finally {
      identity.clearAuthentication();
    }
  }

  Task classifyTaskDueIn(String title, Duration fromNow) {
    var form = Forms.register("LS12");
    form.put("title", title);
    ProcessInstance item = steps.register(CADRE, form);
    Task task = steps.task(item, CLASSIFY_MATTER);
    task.setDueDate(Date.from(Instant.now().plus(fromNow)));
    tasks.saveTask(task);
    return task;
  }

  @Test
  void everyCadreSeesTheFiveFilters() {
    assertThat(filters.createFilterQuery().list()).extracting(f -> f.getName())
        .contains("我的待办", "本单位待签收", "即将到期", "已超期", "督办");
  }

  @Test
  void dueSoonListsWhatFallsDueWithinTwoDaysAndNeitherLaterNorOverdueItems() {
    classifyTaskDueIn("晒场路灯不亮", Duration.ofHours(30));
    classifyTaskDueIn("村道积水", Duration.ofDays(5));
    classifyTaskDueIn("垃圾池满溢", Duration.ofHours(-3));

    assertThat(titlesIn("即将到期")).anyMatch(name -> name.contains("晒场路灯不亮"))
        .noneMatch(name -> name.contains("村道积水"))
        .noneMatch(name -> name.contains("垃圾池满溢"));
    assertThat(titlesIn("已超期")).anyMatch(name -> name.contains("垃圾池满溢"))
        .noneMatch(name -> name.contains("晒场路灯不亮"));
    assertThat(titlesIn("我的待办")).anyMatch(name -> name.contains("村道积水"));
  }
}
