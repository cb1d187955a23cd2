package cn.shuoshi.steps;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Installs {@link StepsParseListener}; {@link Steps} is looked up at the first step (it needs the engine). */
@Component
public class StepsPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<Steps> steps;

  public StepsPlugin(ObjectProvider<Steps> steps) {
    this.steps = steps;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl config) {
    if (config.getCustomPreBPMNParseListeners() == null) {
      config.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    config.getCustomPreBPMNParseListeners().add(new StepsParseListener(config, steps::getObject));
  }
}
