package cn.shuoshi.clock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the job executor's acquisition query fast with many pending deadline timers
 * (docs/PERFORMANCE.md): with {@code ensureJobDueDateNotNull} every job has a due date and the query
 * reads {@code DUEDATE_ <= now}, which this index on ACT_RU_JOB answers without scanning the timers
 * that are not yet due. Camunda's schema has no such index; it is created here, once the engine has
 * created its tables (Flyway may run before them). Jobs written before the switch get a due date.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionIndex.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    try (Connection connection = config.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      statement.execute("create index if not exists ACT_IDX_JOB_DUEDATE on ACT_RU_JOB (DUEDATE_)");
      if (config.isEnsureJobDueDateNotNull()) {
        int fixed = statement.executeUpdate(
            "update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) where DUEDATE_ is null");
        if (fixed > 0) {
          LOG.info("{} jobs without a due date now fall due at their creation time", fixed);
        }
      }
    } catch (SQLException e) {
      // Another node may be creating the same index at this moment; acquisition works without it, only slower.
      LOG.warn("could not create the due-date index on ACT_RU_JOB: {}", e.getMessage());
    }
  }
}
