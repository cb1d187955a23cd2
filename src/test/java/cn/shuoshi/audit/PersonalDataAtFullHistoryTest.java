package cn.shuoshi.audit;

import cn.shuoshi.ShuoshiTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same lives of items with the engine at history level {@code full}, which writes every variable
 * update and every submitted form field: still no resident's name or phone in any engine table. Whatever
 * level an operator chooses, the history handler keeps them out. (The engine reads its level for every
 * history event, so the running engine is switched here rather than a second one started: two engines in
 * one JVM would share the REST API's default engine.)
 */
@ShuoshiTest
class PersonalDataAtFullHistoryTest extends PersonalDataTest {

  @Autowired ProcessEngineConfigurationImpl engine;
  HistoryLevel configured;

  @BeforeEach
  void fullHistory() {
    configured = engine.getHistoryLevel();
    engine.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
  }

  /** The level took effect: every other field of the registration is in the variable history. */
  @Override
  void variableHistoryOf(org.camunda.bpm.engine.runtime.ProcessInstance item) {
    org.assertj.core.api.Assertions.assertThat(jdbc.queryForList(
        "select NAME_ from ACT_HI_VARINST where PROC_INST_ID_ = ?", String.class, item.getId()))
        .contains("title", "villageCode", "channel", "description");
  }

  @AfterEach
  void configuredHistory() {
    engine.setHistoryLevel(configured);
  }
}
