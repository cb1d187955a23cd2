package cn.shuoshi.model;

import java.util.ArrayList;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * How the engine evaluates the decision tables, quicker and to the same result: {@link LiteralFeel} in
 * front of the FEEL engine they would have had, {@link DecisionResultInMemory} for the result a
 * business-rule task hands to its output mappings, and {@link LatestDecisions} for which version is the
 * latest.
 */
@Component
public class DecisionEvaluationPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl config) {
    DefaultDmnEngineConfiguration dmn = config.getDmnEngineConfiguration() != null ? config.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    install(dmn);
    config.setDmnEngineConfiguration(dmn);
    if (config.getCustomPreVariableSerializers() == null) {
      config.setCustomPreVariableSerializers(new ArrayList<>());
    }
    config.getCustomPreVariableSerializers().add(new DecisionResultInMemory());
    LatestDecisions latest = new LatestDecisions();
    if (config.getCustomSessionFactories() == null) {
      config.setCustomSessionFactories(new ArrayList<>());
    }
    config.getCustomSessionFactories().add(latest);
    if (config.getCustomPostDeployers() == null) {
      config.setCustomPostDeployers(new ArrayList<>());
    }
    config.getCustomPostDeployers().add(latest.afterDeployment());
  }

  /** Sets the FEEL engine of a DMN configuration that has none set (also the decision tests' engine). */
  public static void install(DefaultDmnEngineConfiguration dmn) {
    if (dmn.getFeelEngineFactory() == null) {
      // Custom functions and the legacy switch reach the DMN configuration while the engine is built,
      // after the plugins: the factory reads them when the engine asks it.
      dmn.setFeelEngineFactory(() -> dmn.isEnableFeelLegacyBehavior() ? new FeelEngineFactoryImpl().createInstance()
          : new LiteralFeel(new ScalaFeelEngineFactory(dmn.getFeelCustomFunctionProviders()).createInstance()));
    }
  }
}
