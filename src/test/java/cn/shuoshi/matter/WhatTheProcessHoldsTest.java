package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Process variables hold what the process decides on and what its forms show, nothing else: no
 * decision's whole row (the business-rule tasks map out the outputs they need), no resident's name or
 * phone, and a called level receives only what its call activity maps in.
 */
@ShuoshiTest
class WhatTheProcessHoldsTest {

  static final String VILLAGE = "LS07";
  static final String CADRE = "ls07_ganbu1";
  static final List<String> NEVER = List.of("desk", "route", "next", "timeLimits", "reviewRoute", "decisionResult",
      "reporterName", "reporterPhone", "reporterGroup");

  @Autowired MatterSteps steps;
  @Autowired RuntimeService runtime;

  @Test
  void aClassifiedVillageItemAndItsHandlingHoldOnlyWhatTheyDecideOnAndShow() {
    ProcessInstance item = steps.register(CADRE, Forms.register(VILLAGE));
    assertThat(runtime.getVariables(item.getId())).doesNotContainKeys(NEVER.toArray(String[]::new))
        .containsKeys("matterNumber", "deskRole", "reviewRole", "villageCode");

    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    assertThat(runtime.getVariables(item.getId())).doesNotContainKeys(NEVER.toArray(String[]::new))
        .containsEntry("handlingLevel", "VILLAGE").containsEntry("handlingRole", "COMMITTEE")
        .containsEntry("returnRuled", false);

    ProcessInstance unit = runtime.createProcessInstanceQuery().superProcessInstanceId(item.getId()).singleResult();
    Set<String> held = runtime.getVariables(unit.getId()).keySet();
    assertThat(held).doesNotContainAnyElementsOf(NEVER)
        .contains("handlingDays", "countsWorkingDays", "signForDays", "reminderHours", "maxExtensionDays", "deadline")
        // the item's own decisions stay with the item
        .doesNotContain("deskRole", "reviewRole", "registeredBy", "channel", "confidential", "answeredOnSpot");
  }
}
