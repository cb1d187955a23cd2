package cn.shuoshi.steps;

import cn.shuoshi.matter.ModelsBeforeTheDesk;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Installs {@link StepsParseListener}; {@link Steps} is looked up at the first step (it needs the engine). */
@Component
public class StepsPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<Steps> steps;
  private final ObjectProvider<ModelsBeforeTheDesk> modelsBeforeTheDesk;

  public StepsPlugin(ObjectProvider<Steps> steps, ObjectProvider<ModelsBeforeTheDesk> modelsBeforeTheDesk) {
    this.steps = steps;
    this.modelsBeforeTheDesk = modelsBeforeTheDesk;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl config) {
    if (config.getCustomPreBPMNParseListeners() == null) {
      config.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    config.getCustomPreBPMNParseListeners().add(new StepsParseListener(config, steps::getObject,
        modelsBeforeTheDesk::getObject));
  }
}
