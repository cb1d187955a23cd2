package cn.shuoshi.security.models;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.stereotype.Component;

/**
 * Installs the allow-list for deployed models ({@link ModelAllowListDeployer}) in front of the
 * engine's deployers, and refuses to start an engine whose DMN would read an expression without a
 * language as anything but FEEL (the legacy setting makes it JUEL, which the DMN rules assume not).
 */
@Component
public class ModelAllowListPlugin extends AbstractProcessEnginePlugin {

  private final ModelAllowList allowList;

  public ModelAllowListPlugin(ModelAllowList allowList) {
    this.allowList = allowList;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    deployers.add(new ModelAllowListDeployer(allowList));
    if (configuration.getCustomPreDeployers() != null) {
      deployers.addAll(configuration.getCustomPreDeployers());
    }
    configuration.setCustomPreDeployers(deployers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    boolean feel = !configuration.isDmnFeelEnableLegacyBehavior() && dmn != null
        && DmnRules.isFeel(dmn.getDefaultInputExpressionExpressionLanguage())
        && DmnRules.isFeel(dmn.getDefaultInputEntryExpressionLanguage())
        && DmnRules.isFeel(dmn.getDefaultOutputEntryExpressionLanguage())
        && DmnRules.isFeel(dmn.getDefaultLiteralExpressionLanguage());
    if (!feel) {
      throw new IllegalStateException("DMN expressions without a language would not be FEEL "
          + "(dmnFeelEnableLegacyBehavior or a changed default): the model allow-list cannot check them. Refusing to start.");
    }
  }
}
