package cn.shuoshi.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionManager;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.cfg.TransactionState;

/**
 * Which version of a decision is the latest, remembered for {@value #KEEP_MILLIS} ms: a business-rule
 * task bound to the latest version asked the database at every evaluation, four times an item. A
 * deployment on this node forgets what it remembered when it commits ({@link #afterDeployment()});
 * other nodes of a cluster take a new version within those seconds (docs/OPERATIONS.md), as they do a
 * new form. Only the evaluation path asks here: the deployer numbers versions through its own query.
 */
final class LatestDecisions implements SessionFactory {

  static final long KEEP_MILLIS = 30_000;

  /** {@code until}: System.nanoTime() (monotonic, like the other caches'), not the wall clock. */
  private record Remembered(String id, long until) {}

  private final Map<String, Remembered> latest = new ConcurrentHashMap<>();

  @Override
  public Class<?> getSessionType() {
    return DecisionDefinitionManager.class;
  }

  @Override
  public Session openSession() {
    return new Manager();
  }

  /** Forgets the latest versions when a deployment on this node commits. */
  Deployer afterDeployment() {
    return deployment -> Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, context -> latest.clear());
  }

  private final class Manager extends DecisionDefinitionManager {

    @Override
    public DecisionDefinitionEntity findLatestDefinitionByKeyAndTenantId(String key, String tenantId) {
      long now = System.nanoTime();
      if (tenantId == null) {
        Remembered remembered = latest.get(key);
        if (remembered != null && remembered.until() - now > 0) {
          // The parsed definition the engine keeps; gone from it (a deleted deployment): ask the database.
          DecisionDefinitionEntity kept = Context.getProcessEngineConfiguration().getDeploymentCache()
              .findDecisionDefinitionFromCache(remembered.id());
          if (kept != null) {
            return kept;
          }
        }
      }
      DecisionDefinitionEntity found = super.findLatestDefinitionByKeyAndTenantId(key, tenantId);
      if (found != null && tenantId == null) {
        latest.put(key, new Remembered(found.getId(), now + KEEP_MILLIS * 1_000_000));
      }
      return found;
    }
  }
}
