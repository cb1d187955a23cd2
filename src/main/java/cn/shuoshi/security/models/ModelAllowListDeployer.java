package cn.shuoshi.security.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before the engine's own deployers on every new deployment (REST, Modeler, Java API, the
 * service's start-up deployment) and refuses it as a whole when one file holds something models may
 * not use. The deployment row and its resources are only queued for insertion at this point: the
 * exception rolls the command back and nothing is written.
 */
final class ModelAllowListDeployer implements Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(ModelAllowListDeployer.class);

  private final ModelAllowList allowList;

  ModelAllowListDeployer(ModelAllowList allowList) {
    this.allowList = allowList;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    // The engine also "deploys" an old deployment again to fill its cache (after a restart, an
    // eviction): that was checked when it was made, and running instances must keep working.
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    List<ResourceEntity> resources = new ArrayList<>(deployment.getResources().values());
    resources.sort(Comparator.comparing(ResourceEntity::getName, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<ModelProblem> problems = new ArrayList<>();
    for (ResourceEntity resource : resources) {
      problems.addAll(allowList.check(resource.getName(), resource.getBytes()));
    }
    if (!problems.isEmpty()) {
      CommandContext command = Context.getCommandContext();
      String user = command != null ? command.getAuthenticatedUserId() : null;
      LOG.warn("deployment refused: {} problem(s) in model files {}, by user {}", problems.size(),
          problems.stream().map(p -> printable(p.resource())).distinct().toList(), printable(user));
      throw new ModelNotAllowedException(problems);
    }
  }

  /** Designer-chosen names go to the log without line breaks or control characters. */
  private static String printable(String text) {
    return text == null ? "-" : text.replaceAll("\\p{Cntrl}", "?");
  }
}
