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
    create("已超期", -7, "已过办理期限仍未办结的事项", tasks.createTaskQuery()
        .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks().endOr().dueBeforeExpression("${now()}"));
    create("督办", -6, "超期督办和复核事项", tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks().taskDefinitionKeyIn(SUPERVISE_OVERDUE, SUPERVISOR_REVIEW));
  }

  private void create(String name, int priority, String description, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(name);
    filter.setQuery(query);
    filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
    filters.saveFilter(filter);
  }
}
