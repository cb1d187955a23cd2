package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.MATTER_TYPE;
import static cn.shuoshi.matter.MatterProcess.Vars.SUBJECT;
import static cn.shuoshi.matter.MatterProcess.Vars.VILLAGE_CODE;

import cn.shuoshi.organisation.Level;
import cn.shuoshi.organisation.OrgDirectory;
import cn.shuoshi.organisation.Role;
import cn.shuoshi.security.Grants;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Items still running on a matter model from before the desk decision ({@code matter} without
 * {@value MatterProcess.Elements#DETERMINE_DESK}, release 4f307b7 and earlier; see docs/OPERATIONS.md).
 * Those models offer every village task to the village's groups and relied on the service to keep a
 * petition (信访) or a complaint about a cadre (干部作风) away from the village: when such a task is
 * created, its village candidate groups and a village assignee are taken off and the town's role
 * (station for petitions, supervisors for cadre conduct) is offered it instead, as that release did.
 * Items on the current models never come here: their desk is in their candidate groups.
 */
@Component
public class ModelsBeforeTheDesk {

  private static final String PETITION = "PETITION";
  private static final String CADRE_CONDUCT = "CADRE_CONDUCT";

  private final OrgDirectory org;
  private final Grants grants;

  public ModelsBeforeTheDesk(OrgDirectory org, Grants grants) {
    this.org = org;
    this.grants = grants;
  }

  /** The desk of an item on an old model, as decision matterDesk gives it (and migration V5 did). */
  public static String deskOf(String matterType, String subject) {
    if (CADRE_CONDUCT.equals(subject)) {
      return Role.SUPERVISOR.name();
    }
    return PETITION.equals(matterType) ? Role.STATION.name() : Role.COMMITTEE.name();
  }

  /** Whether the item of {@code execution} runs on a matter model from before the desk decision. */
  static boolean startedBeforeTheDesk(DelegateExecution execution) {
    DelegateExecution item = execution.getProcessInstance();
    while (item.getSuperExecution() != null) {
      item = item.getSuperExecution().getProcessInstance();
    }
    ProcessDefinitionEntity model = ((ExecutionEntity) item).getProcessDefinition();
    return model != null && MatterProcess.KEY.equals(model.getKey())
        && model.findActivity(MatterProcess.Elements.DETERMINE_DESK) == null;
  }

  /** Moves a new task of a sensitive old item from the village to the town (no-op otherwise). */
  public void protect(DelegateTask task) {
    String village = (String) task.getVariable(VILLAGE_CODE);
    // The model's version first: it is in memory, while the village is a query, and almost every item
    // runs on a current model.
    if (village == null || !startedBeforeTheDesk(task.getExecution()) || org.village(village).isEmpty()) {
      return;
    }
    Role desk = Role.valueOf(deskOf((String) task.getVariable(MATTER_TYPE), (String) task.getVariable(SUBJECT)));
    if (desk.level() == Level.VILLAGE) {
      return;
    }
    List<String> villageGroups = Arrays.stream(Role.values()).filter(r -> r.level() == Level.VILLAGE)
        .map(r -> r.groupOf(village)).toList();
    boolean moved = false;
    // The task is not written yet: the engine's deleteCandidateGroup looks for its links in the
    // database and would not find them, so they are taken off the new task itself.
    TaskEntity entity = (TaskEntity) task;
    for (IdentityLinkEntity link : List.copyOf(entity.getIdentityLinks())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && villageGroups.contains(link.getGroupId())) {
        link.delete();
        entity.getIdentityLinks().remove(link);
        grants.revokeTask(task.getId(), null, link.getGroupId());
        moved = true;
      }
    }
    if (task.getAssignee() != null && org.postsOf(task.getAssignee()).stream()
        .anyMatch(p -> p.unitCode().equals(village))) {
      String assignee = task.getAssignee();
      task.setAssignee(null);
      grants.revokeTask(task.getId(), assignee, null);
      moved = true;
    }
    if (moved) {
      task.addCandidateGroup(desk.groupOf(org.townOf(village)));
    }
  }
}
