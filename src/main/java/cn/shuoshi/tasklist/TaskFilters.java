package cn.shuoshi.tasklist;

import static cn.shuoshi.matter.MatterProcess.Elements.SUPERVISOR_REVIEW;
import static cn.shuoshi.unithandling.UnitHandlingProcess.SUPERVISE_OVERDUE;

import java.util.List;
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
 * logs in sees what waits for them. Each filter is a query over the current user and their groups, but
 * 已超期, which lists every overdue task the user may read.
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
   * Creates the filter, or brings one an earlier release created up to this release's query: one that
   * carries an older {@value #VERSION}, or the 已超期 of a release before the property, recognised by
   * its unchanged description. Any other filter of the same name (an administrator's own) is left alone.
   */
  private void create(String name, int priority, String description, TaskQuery query) {
    Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true,
        VERSION, CURRENT);
    List<Filter> named = filters.createFilterQuery().filterName(name).list();
    if (named.isEmpty()) {
      Filter filter = filters.newTaskFilter(name);
      filter.setQuery(query);
      filter.setProperties(properties);
      filters.saveFilter(filter);
      return;
    }
    for (Filter existing : named) {
      upgrade(existing, name, query, properties);
    }
  }

  private void upgrade(Filter existing, String name, TaskQuery query, Map<String, Object> properties) {
    if (existing.getProperties() != null && existing.getProperties().get(VERSION) instanceof Number version
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
    } else if (existing.getProperties() != null && !existing.getProperties().containsKey(VERSION)
        && properties.get("description").equals(existing.getProperties().get("description"))) {
      // An earlier release's filter whose query has not changed since: marked, so that a later
      // release can bring it up to date.
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
