package cn.shuoshi.tasklist;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tasklist filters as a cadre of 王庄村 (LS12) and the town's supervisors see them: queries over the
 * user's own tasks, and 已超期 over every overdue task the user may read.
 */
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
    return titlesIn(CADRE, filterName);
  }

  List<String> titlesIn(String user, String filterName) {
    String id = filters.createFilterQuery().filterName(filterName).singleResult().getId();
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
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

  @Test
  void theTownSupervisorsSeeEveryOverdueTaskOfTheirTownAndTheOtherVillagesCadresDoNot() {
    classifyTaskDueIn("井盖缺失", Duration.ofHours(-5));

    // Not their task, but an item of their town: in 已超期 until it is done, supervised or not.
    assertThat(titlesIn("ls_jiwei", "已超期")).anyMatch(name -> name.contains("井盖缺失"));
    assertThat(titlesIn("ls11_ganbu1", "已超期")).noneMatch(name -> name.contains("井盖缺失"));
    assertThat(titlesIn("已超期")).anyMatch(name -> name.contains("井盖缺失"));
  }

  @Test
  void aFilterAnEarlierReleaseCreatedGetsThisReleasesQueryAndAnAdministratorsOwnIsLeftAlone() {
    Filter overdue = filters.createFilterQuery().filterName("已超期").singleResult();
    // As release 68c2331 wrote it: the user's own and their groups' tasks only, no version property.
    overdue.setQuery(tasks.createTaskQuery().or().taskAssigneeExpression("${currentUser()}")
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().endOr()
        .dueBeforeExpression("${now()}"));
    overdue.setProperties(Map.of("priority", -7, "description", "已过办理期限仍未办结的事项", "refresh", true));
    filters.saveFilter(overdue);
    Filter mine = filters.createFilterQuery().filterName("我的待办").singleResult();
    Map<String, Object> ownProperties = new HashMap<>(mine.getProperties());
    ownProperties.remove(TaskFilters.VERSION);
    ownProperties.put("description", "管理员改过的说明");
    mine.setProperties(ownProperties);
    filters.saveFilter(mine);

    new TaskFilters(filters, tasks).run(null);

    classifyTaskDueIn("桥栏松动", Duration.ofHours(-2));
    assertThat(titlesIn("ls_jiwei", "已超期")).anyMatch(name -> name.contains("桥栏松动"));
    assertThat(filters.createFilterQuery().filterName("已超期").singleResult().getProperties())
        .containsEntry(TaskFilters.VERSION, TaskFilters.CURRENT);
    assertThat(filters.createFilterQuery().filterName("我的待办").singleResult().getProperties())
        .containsEntry("description", "管理员改过的说明").doesNotContainKey(TaskFilters.VERSION);
    // Back as this release made it, for the other tests of this database.
    Filter restored = filters.createFilterQuery().filterName("我的待办").singleResult();
    restored.setProperties(Map.of("priority", -10, "description", "指派给我本人的事项", "refresh", true,
        TaskFilters.VERSION, TaskFilters.CURRENT));
    filters.saveFilter(restored);
  }
}
