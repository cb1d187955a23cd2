package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.countyhandling.CountyHandlingProcess;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/** A designer changes a rule in the routing table alone, redeploys it, and items take the new route. */
@ShuoshiTest
class RouteChangeTest {

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired RepositoryService repository;

  @Test
  void itemsNeedingAHigherLevelGoStraightToTheCountyOnceTheDesignerSaysSo() throws Exception {
    String table = new String(new ClassPathResource("processes/matter-routing.dmn").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    // The designer's edit in Camunda Modeler: Rule_HigherLevel now answers COUNTY / CENTRE.
    int rule = table.indexOf("id=\"Rule_HigherLevel\"");
    String edited = table.substring(0, rule) + table.substring(rule)
        .replaceFirst("\"TOWN\"", "\"COUNTY\"").replaceFirst("\"STATION\"", "\"CENTRE\"");
    assertThat(edited).isNotEqualTo(table);

    Deployment deployment = repository.createDeployment().name("routing change")
        .addString("matter-routing.dmn", edited).deploy();
    try {
      ProcessInstance item = steps.register("ls13_ganbu1", Forms.register("LS13"));
      steps.complete("ls13_ganbu1", item, CLASSIFY_MATTER, Forms.classify("HIGHER_LEVEL", "ls13_ganbu1"));

      assertThat(items.instance(item, MatterProcess.COUNTY_HANDLING)).isWaitingAt(CountyHandlingProcess.CENTRE_DISPATCH);
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }
}
