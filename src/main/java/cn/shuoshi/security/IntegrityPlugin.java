package cn.shuoshi.security;

import cn.shuoshi.audit.AuditTrail;
import cn.shuoshi.audit.LedgerHistoryEventHandler;
import cn.shuoshi.audit.LedgerHistoryLevel;
import cn.shuoshi.forms.FormFieldsOnly;
import cn.shuoshi.forms.FormOptions;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.StartFormOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Everything that keeps the ledger an accountability record, installed in the engine in one place:
 * the {@link ModelledPathGuard} in front of every command, {@link FormFieldsOnly} on every form and
 * {@link StartFormOptions} on the registration form as it is shown, the
 * {@code ledger} history level and its handler (audit trail, no residents' data in the engine).
 */
@Component
public class IntegrityPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(IntegrityPlugin.class);

  private final AuditTrail trail;
  private final FormSchemaRegistry forms;
  private final FormOptions options;

  public IntegrityPlugin(AuditTrail trail, FormSchemaRegistry forms, FormOptions options) {
    this.trail = trail;
    this.forms = forms;
    this.options = options;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl config) {
    if (config.getCustomPreCommandInterceptorsTxRequired() == null) {
      config.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    config.getCustomPreCommandInterceptorsTxRequired().add(0, new ModelledPathGuard(config));
    config.getCustomPreCommandInterceptorsTxRequired().add(1, new StartFormOptions(config, forms, options));

    if (config.getCustomPreBPMNParseListeners() == null) {
      config.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    config.getCustomPreBPMNParseListeners().add(new FormFieldsOnly(forms, options));
    if (config.getCustomPostDeployers() == null) {
      config.setCustomPostDeployers(new ArrayList<>());
    }
    config.getCustomPostDeployers().add(forms.afterDeployment());

    if (config.getCustomHistoryLevels() == null) {
      config.setCustomHistoryLevels(new ArrayList<>());
    }
    config.getCustomHistoryLevels().add(new LedgerHistoryLevel());
    // The engine's own handler is wrapped, not added beside ours: it must not see user operations
    // (they go to the audit trail) nor residents' data.
    config.setEnableDefaultDbHistoryEventHandler(false);
    if (config.getCustomHistoryEventHandlers() == null) {
      config.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    config.getCustomHistoryEventHandlers().add(new LedgerHistoryEventHandler(trail));
  }

  /**
   * The history level is stored in the database when it is created; the engine refuses to start when
   * the configured one differs. A database made at another level (an earlier release used
   * {@code audit}) is moved to the configured level here, before the engine checks it.
   */
  @Override
  public void postInit(ProcessEngineConfigurationImpl config) {
    String level = String.valueOf(config.getHistoryLevel().getId());
    try (Connection connection = config.getDataSource().getConnection()) {
      String stored;
      try (PreparedStatement read = connection.prepareStatement(
          "select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'")) {
        try (ResultSet rows = read.executeQuery()) {
          stored = rows.next() ? rows.getString(1) : null;
        }
      }
      if (stored != null && !stored.equals(level)) {
        try (PreparedStatement update = connection.prepareStatement(
            "update ACT_GE_PROPERTY set VALUE_ = ?, REV_ = REV_ + 1 where NAME_ = 'historyLevel'")) {
          update.setString(1, level);
          update.executeUpdate();
        }
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
        LOG.info("engine history level of the database moved from {} to {} ({})", stored, level,
            config.getHistoryLevel().getName());
      }
    } catch (SQLException e) {
      // A new database: the engine creates its tables and stores the configured level itself.
      LOG.debug("no engine history level stored yet: {}", e.getMessage());
    }
  }
}
