package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.MATTER_TYPE;
import static cn.shuoshi.matter.MatterProcess.Vars.SUBJECT;
import static cn.shuoshi.matter.MatterProcess.Vars.VILLAGE_CODE;

import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.model.Variable;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.stereotype.Component;

/**
 * Items still running on a matter model from before the desk decision ({@code matter} without
 * {@value MatterProcess.Elements#DETERMINE_DESK}, release 4f307b7 and earlier; see docs/OPERATIONS.md).
 * Those models offer every village task to the village's groups and relied on the service to keep a
 * petition (信访) or a complaint about a cadre (干部作风) away from the village. When such a model is
 * parsed, its tasks' candidate-group and assignee expressions are wrapped: for a sensitive item the
 * village's groups become the town's desk (station for petitions, supervisors for cadre conduct) and a
 * village assignee none, before the task exists, as that release did. Current models never come here:
 * their desk is in their candidate groups.
 */
@Component
public class ModelsBeforeTheDesk {

  private static final String PETITION = "PETITION";
  private static final String CADRE_CONDUCT = "CADRE_CONDUCT";

  private final Org org;

  public ModelsBeforeTheDesk(Org org) {
    this.org = org;
  }

  /** The desk of an item on an old model, as decision matterDesk gives it (and migration V5 did). */
  public static String deskOf(String matterType, String subject) {
    if (CADRE_CONDUCT.equals(subject)) {
      return Role.SUPERVISOR.name();
    }
    return PETITION.equals(matterType) ? Role.STATION.name() : Role.COMMITTEE.name();
  }

  /** Whether a parsed {@code matter} model is one from before the desk decision. */
  public static boolean isBeforeTheDesk(String processKey, boolean hasDeskDecision) {
    return MatterProcess.KEY.equals(processKey) && !hasDeskDecision;
  }

  /** Wraps an old model's task so that a sensitive item's task never reaches the village. */
  public static void keepSensitiveItemsAway(TaskDefinition task, Supplier<ModelsBeforeTheDesk> service) {
    List<Expression> groups = List.copyOf(task.getCandidateGroupIdExpressions());
    task.getCandidateGroupIdExpressions().clear();
    for (Expression group : groups) {
      task.addCandidateGroupIdExpression(new Wrapped(group, (value, scope) -> service.get().groups(value, scope)));
    }
    if (task.getAssigneeExpression() != null) {
      task.setAssigneeExpression(new Wrapped(task.getAssigneeExpression(),
          (value, scope) -> service.get().assignee(value, scope)));
    }
  }

  /** The village's desk: a sensitive item's village groups become the town's desk group. */
  Object groups(Object value, VariableScope scope) {
    String village = sensitiveVillage(scope);
    if (village == null || value == null) {
      return value;
    }
    Set<String> villageGroups = new LinkedHashSet<>();
    Arrays.stream(Role.values()).filter(r -> r.level() == Level.VILLAGE).forEach(r -> villageGroups.add(r.groupOf(village)));
    Collection<String> asked = value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
        : Arrays.stream(value.toString().split(",")).map(String::trim).toList();
    Role desk = Role.valueOf(deskOf(Variable.text(scope, MATTER_TYPE), Variable.text(scope, SUBJECT)));
    Set<String> result = new LinkedHashSet<>();
    for (String group : asked) {
      result.add(villageGroups.contains(group) ? desk.groupOf(org.townOf(village)) : group);
    }
    return String.join(",", result);
  }

  /** A village cadre is no assignee of a sensitive item's task. */
  Object assignee(Object value, VariableScope scope) {
    String village = sensitiveVillage(scope);
    if (village == null || value == null) {
      return value;
    }
    return org.postsOf(value.toString()).stream().anyMatch(p -> p.unitCode().equals(village)) ? null : value;
  }

  /** The item's village when the item is a petition or a complaint about a cadre, else null. */
  private String sensitiveVillage(VariableScope scope) {
    String village = Variable.text(scope, VILLAGE_CODE);
    if (village == null || org.village(village).isEmpty()) {
      return null;
    }
    Role desk = Role.valueOf(deskOf(Variable.text(scope, MATTER_TYPE), Variable.text(scope, SUBJECT)));
    return desk.level() == Level.VILLAGE ? null : village;
  }

  private interface Rewrite {
    Object apply(Object value, VariableScope scope);
  }

  private record Wrapped(Expression original, Rewrite rewrite) implements Expression {

    @Override
    public Object getValue(VariableScope scope) {
      return rewrite.apply(original.getValue(scope), scope);
    }

    @Override
    public void setValue(Object value, VariableScope scope) {
      original.setValue(value, scope);
    }

    @Override
    public String getExpressionText() {
      return original.getExpressionText();
    }

    @Override
    public boolean isLiteralText() {
      return false;
    }
  }
}
