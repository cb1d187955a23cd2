package cn.shuoshi.forms;

import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.MatterSteps;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server checks every submission against its form, because the Tasklist checks only in the
 * browser: a bad one is refused naming the field, and nothing is created or changed.
 */
@ShuoshiTest
class BadInputTest {

  static final String CADRE = "ls07_ganbu1";

  @Autowired MatterSteps steps;
  @Autowired LedgerRepository ledger;
  @Autowired RuntimeService runtime;

  static java.util.stream.Stream<Arguments> badRegistrations() {
    return java.util.stream.Stream.of(
        bad("reporterName", "不能为空", f -> f.remove(REPORTER_NAME)),
        bad("title", "不能为空", f -> f.put(TITLE, "   ")),
        bad("title", "不能超过100个字", f -> f.put(TITLE, "路".repeat(101))),
        bad("description", "不能超过2000个字", f -> f.put(DESCRIPTION, "水".repeat(2001))),
        bad("reporterPhone", "格式不正确", f -> f.put(REPORTER_PHONE, "12345")),
        bad("channel", "不在可选范围内", f -> f.put(CHANNEL, "FAX")),
        bad("villageCode", "不在可选范围内", f -> f.put(VILLAGE_CODE, "XX99")),
        bad("confidential", "只能是", f -> f.put(CONFIDENTIAL, "maybe")),
        bad("title", "应为文字", f -> f.put(TITLE, 42)),
        bad("description", "控制字符", f -> f.put(DESCRIPTION, "正常\u0000文字")),
        bad("onSpotAnswer", "不能为空", f -> f.put(ANSWERED_ON_SPOT, true)));
  }

  static Arguments bad(String field, String message, Consumer<Map<String, Object>> change) {
    return Arguments.of(field, message, change);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badRegistrations")
  void aBadRegistrationIsRefusedAndCreatesNothing(String field, String message,
      Consumer<Map<String, Object>> change) {
    long items = runtime.createProcessInstanceQuery().processDefinitionKey(MatterProcess.KEY).count();
    long ledgerRows = ledger.countAll();
    Map<String, Object> form = Forms.register("LS07");
    change.accept(form);

    assertThatThrownBy(() -> steps.register(CADRE, form))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsKey(field).hasEntrySatisfying(field,
                m -> assertThat(m).contains(message)));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MatterProcess.KEY).count())
        .isEqualTo(items);
    assertThat(ledger.countAll()).isEqualTo(ledgerRows);
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    Map<String, Object> form = Forms.register("LS07");
    form.remove(TITLE);
    form.put(CHANNEL, "FAX");
    form.put(REPORTER_PHONE, "abc");

    assertThatThrownBy(() -> steps.register(CADRE, form))
        .isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
          assertThat(e.getFieldErrors()).containsOnlyKeys(TITLE, CHANNEL, REPORTER_PHONE);
          assertThat(e.getMessage()).contains("“事项标题”不能为空").contains("“反映渠道”").contains("“联系电话”");
        });
  }

  @Test
  void aRegistrationClaimingAnotherRegistrarIsRefusedAndTheLoggedInCadreIsTheRegistrar() {
    long before = ledger.countAll();
    Map<String, Object> form = Forms.register("LS07");
    form.put(REGISTERED_BY, "ls07_shuji");

    assertThatThrownBy(() -> steps.register(CADRE, form)).isInstanceOfSatisfying(InvalidSubmissionException.class,
        e -> assertThat(e.getFieldErrors().get(REGISTERED_BY)).contains("不是本表单的字段"));
    assertThat(ledger.countAll()).isEqualTo(before);

    ProcessInstance item = steps.register(CADRE, Forms.register("LS07"));
    assertThat(ledger.findByProcessInstance(item.getId()).orElseThrow().registeredBy()).isEqualTo(CADRE);
  }

  @Test
  void aResponsibleCadreFromAnotherTownOrNobodyAtAllIsRefused() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS07"));
    Map<String, Object> form = Forms.classify("VILLAGE", "ls08_ganbu1");

    assertThatThrownBy(() -> steps.complete(CADRE, item, CLASSIFY_MATTER, form))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsKey(RESPONSIBLE_CADRE));
    assertThat(item).isWaitingAt(CLASSIFY_MATTER);
    assertThat(ledger.findByProcessInstance(item.getId()).orElseThrow().handlingList()).isNull();
  }

  @Test
  void aPromiseNeedsAFutureDateAndItsStepsAnExplanationItsBasis() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS07"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));

    Map<String, Object> promise = Forms.committed(LocalDate.now().minusDays(3));
    promise.remove(COMMITMENT_STEPS);
    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, promise))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsOnlyKeys(PROMISED_DATE, COMMITMENT_STEPS));

    Map<String, Object> explanation = Forms.explained();
    explanation.remove(POLICY_BASIS);
    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, explanation))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsOnlyKeys(POLICY_BASIS));

    Map<String, Object> noOutcome = Forms.resolved();
    noOutcome.remove(OUTCOME);
    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, noOutcome))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsOnlyKeys(OUTCOME));

    Map<String, Object> unknownOutcome = Forms.resolved();
    unknownOutcome.put(OUTCOME, "SOLVED_SOMEHOW");
    assertThatThrownBy(() -> steps.complete(CADRE, item, HANDLE_MATTER, unknownOutcome))
        .isInstanceOf(InvalidSubmissionException.class);

    assertThat(steps.task(item, HANDLE_MATTER)).isNotNull();
    assertThat(ledger.findByProcessInstance(item.getId()).orElseThrow().outcome()).isNull();
  }

  @Test
  void aRejectionNeedsAReasonAndADissatisfiedRatingTheResidentsWords() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS07"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());

    assertThatThrownBy(() -> steps.complete("ls07_ganbu2", item, VERIFY_RESULT, Forms.verified("REJECTED", " ")))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsOnlyKeys(VERIFICATION_NOTE));
    steps.complete("ls07_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());

    assertThatThrownBy(() -> steps.complete("ls07_shuji", item, REVIEW_SATISFACTION, Forms.rated("DISSATISFIED", null)))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsOnlyKeys(SATISFACTION_NOTE));
    assertThat(item).isWaitingAt(REVIEW_SATISFACTION);
  }
}
