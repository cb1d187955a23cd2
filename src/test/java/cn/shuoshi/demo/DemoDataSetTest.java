package cn.shuoshi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerQuery;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * What a newcomer sees after `./mvnw spring-boot:run`: the demo organisation, items in several
 * stages, one overdue item that the town supervisors are asked to act on, and a Tasklist to log into.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:shuoshi-demo;DB_CLOSE_DELAY=-1",
        // The REST API and webapps find engines by name in a JVM-wide registry, which the other
        // test context's engine ("default") shares; this one gets its own name.
        "camunda.bpm.process-engine-name=demo"})
@ActiveProfiles({"demo", "test"})
class DemoDataSetTest {

  @Autowired LedgerRepository ledger;
  @Autowired IdentityService identity;
  @Autowired FilterService filters;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired TestRestTemplate http;

  @Test
  void theDemoCountyHasLongshanTownWithEighteenVillagesAndACadreOfEveryRole() {
    assertThat(identity.createGroupQuery().groupIdIn(
        "LS01_secretary", "LS01_committee", "LS01_resident", "LS_leader", "LS_station", "LS_partycommittee",
        "LS_supervisor", "YL_centre", "YL_WATER_department").count()).isEqualTo(9);
    for (int village = 1; village <= 18; village++) {
      String code = String.format("LS%02d", village);
      assertThat(identity.createUserQuery().memberOfGroup(code + "_committee").count()).as(code).isEqualTo(2);
      assertThat(identity.createUserQuery().memberOfGroup(code + "_secretary").count()).as(code).isEqualTo(1);
    }
    assertThat(identity.checkPassword("demo", "demo")).isTrue();
    assertThat(identity.checkPassword("ls01_ganbu1", "demo")).isTrue();
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("demo").count()).isEqualTo(1);
    assertThat(filters.createFilterQuery().list()).extracting(f -> f.getName())
        .contains("我的待办", "本单位待签收", "已超期", "督办");
  }

  @Test
  void itemsWaitInSeveralStagesAndTheOverdueOneReachesTheTownSupervisors() {
    List<LedgerEntry> longshan = ledger.list(new LedgerQuery(null, "LS", null, null, null, null, null));
    assertThat(longshan).extracting(LedgerEntry::state).contains(
        MatterState.CLASSIFYING, MatterState.HANDLING, MatterState.VERIFYING, MatterState.CLOSED);

    // Tests run without a job executor; here is what it does at start: fire the due timers.
    List<Job> due = management.createJobQuery().executable().timers().list();
    assertThat(due).isNotEmpty();
    due.forEach(job -> management.executeJob(job.getId()));

    assertThat(tasks.createTaskQuery().taskCandidateGroup("LS_supervisor")
        .taskDefinitionKey(cn.shuoshi.unithandling.UnitHandlingProcess.SUPERVISE_OVERDUE).list())
        .extracting(t -> t.getName()).anySatisfy(name -> assertThat(name).contains("河道护栏损坏"));
    assertThat(ledger.list(new LedgerQuery(null, "LS", null, null, null, null, true))).hasSize(1);
  }

  @Test
  void aDemoCadreLogsIntoTheTasklist() {
    // As the browser does: the login page hands out the CSRF token the login must send back.
    var page = http.getForEntity("/camunda/app/tasklist/demo/", String.class);
    List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
    String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
        .split(";")[0].substring("XSRF-TOKEN=".length());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.stream().map(c -> c.split(";")[0]).toList()));
    headers.add("X-XSRF-TOKEN", csrf);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", "ls01_ganbu1");
    form.add("password", "demo");
    var response = http.postForEntity("/camunda/api/admin/auth/user/demo/login/tasklist",
        new HttpEntity<>(form, headers), String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).contains("ls01_ganbu1");
  }
}
