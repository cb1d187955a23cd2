package cn.shuoshi.tasklist;

import static cn.shuoshi.matter.MatterProcess.Elements.SUPERVISOR_REVIEW;
import static cn.shuoshi.unithandling.UnitHandlingProcess.SUPERVISE_OVERDUE;

import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The Tasklist shows nothing without filters: these are created once for everybody, so a cadre who
 * logs in sees what waits for them. Each filter is a query over the current user and their groups.
 */
@Component
public class TaskFilters implements ApplicationRunner {

  private final FilterService filters;
  private final TaskService tasks;

  public TaskFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    create("我的待办", -10, "指派给我本人的事项", tasks.createTaskQuery()
        .taskAssigneeExpression("${currentUser()}"));
    create("本单位待签收", -9, "本单位（本人所在组）尚未认领的事项", tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
    create("即将到期", -8, "两天内到期、尚未办结的事项", tasks.createTaskQuery()
        .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks().endOr()
        .dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(2).toDate()}"));
    // Every overdue task the user may read, not only their own: a town's supervisors read the tasks of
    // their town's items, and an item still overdue after 超期督办 must stay in their sight.
    create("已超期", -7, "已过办理期限仍未办结的事项（督办人员：辖区内全部超期事项）", tasks.createTaskQuery()
        .dueBeforeExpression("${now()}"));
    create("督办", -6, "超期督办和复核事项", tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks().taskDefinitionKeyIn(SUPERVISE_OVERDUE, SUPERVISOR_REVIEW));
  }

  /**
   * Creates the filter, or brings one an earlier release created up to this release's query (the
   * {@value #VERSION} property says which release wrote it; a filter an administrator made under the
   * same name without it is left alone).
   */
  private void create(String name, int priority, String description, TaskQuery query) {
    Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true,
        VERSION, CURRENT);
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    if (existing == null) {
      Filter filter = filters.newTaskFilter(name);
      filter.setQuery(query);
      filter.setProperties(properties);
      filters.saveFilter(filter);
    } else if (existing.getProperties() != null && existing.getProperties().get(VERSION) instanceof Number version
        && version.intValue() < CURRENT) {
      existing.setQuery(query);
      existing.setProperties(properties);
      filters.saveFilter(existing);
    } else if (existing.getProperties() != null && !existing.getProperties().containsKey(VERSION)
        && "已超期".equals(name) && OWN_ONLY_DESCRIPTION.equals(existing.getProperties().get("description"))) {
      // Written by a release before the property existed, unchanged since: this release's query.
      existing.setQuery(query);
      existing.setProperties(properties);
      filters.saveFilter(existing);
    }
  }

  /** The property naming which release's query a filter holds. */
  static final String VERSION = "shuoshiFilterVersion";
  /** 2: 已超期 lists every overdue task the user may read. */
  static final int CURRENT = 2;
  private static final String OWN_ONLY_DESCRIPTION = "已过办理期限仍未办结的事项";
}
