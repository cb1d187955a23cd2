package cn.shuoshi.matter;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.townhandling.TownHandlingProcess.TOWN_SIGN_FOR;
import static cn.shuoshi.unithandling.UnitHandlingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;


/** Duplicates join the open item; petitions keep the statutory limits of the 信访工作条例. */
@ShuoshiTest
class DuplicateAndPetitionTest {

  static final String CADRE = "ls12_ganbu1";

  @Autowired LedgerReads ledgerReads;

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired LedgerRepository ledger;

  @Test
  void aRepeatedItemJoinsTheOpenOneAndItsReporterGetsTheSameFeedback() {
    ProcessInstance original = steps.register(CADRE, Forms.register("LS12"));
    steps.complete(CADRE, original, CLASSIFY_MATTER, Forms.classify("VILLAGE", CADRE));
    String originalNumber = steps.number(original);

    Map<String, Object> again = Forms.register("LS12");
    again.put(REPORTER_NAME, "王秀英");
    ProcessInstance duplicate = steps.register(CADRE, again);
    Map<String, Object> classification = Forms.classify("VILLAGE", CADRE);
    classification.put(DUPLICATE_OF, originalNumber);
    steps.complete(CADRE, duplicate, CLASSIFY_MATTER, classification);

    assertThat(duplicate).isEnded().hasPassed(END_MERGED_INTO_OPEN_ITEM);
    LedgerEntry merged = ledger.findByNumber(steps.number(duplicate)).orElseThrow();
    assertThat(merged.state()).isEqualTo(MatterState.MERGED);
    assertThat(merged.duplicateOf()).isEqualTo(originalNumber);
    assertThat(ledgerReads.linkedReporters(originalNumber)).containsExactly("王秀英");

    steps.complete(CADRE, original, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls12_ganbu2", original, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    steps.complete(CADRE, original, FEEDBACK_TO_RESIDENT, Forms.feedback());
    assertThat(ledger.findByNumber(steps.number(duplicate)).orElseThrow().feedbackMethod()).isEqualTo("PHONE");
  }

  @Test
  void onlyAnOpenItemOfTheTownCanBeTheOriginal() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS12"));
    Map<String, Object> classification = Forms.classify("VILLAGE", CADRE);
    classification.put(DUPLICATE_OF, "LS12-2026-99999");

    assertThatThrownBy(() -> steps.complete(CADRE, item, CLASSIFY_MATTER, classification))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsKey(DUPLICATE_OF));
    assertThat(item).isWaitingAt(CLASSIFY_MATTER);
  }

  @Test
  void aPetitionIsAcceptedWithinFifteenDaysHandledWithinSixtyAndExtendedAtMostThirty() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS12"));
    Map<String, Object> petition = Forms.classify("VILLAGE", CADRE);
    petition.put(MATTER_TYPE, "PETITION");
    petition.put(SUBJECT, "DISPUTE");
    steps.complete(CADRE, item, CLASSIFY_MATTER, petition);

    LocalDate today = LocalDate.now(EngineClock.BEIJING);
    assertThat(steps.task(item, TOWN_SIGN_FOR).getDueDate().toInstant().atZone(EngineClock.BEIJING).toLocalDate())
        .isEqualTo(today.plusDays(15));
    steps.complete("ls_zhan", item, TOWN_SIGN_FOR, Forms.townDecides("HANDLE"));
    Date deadline = (Date) items.unitVariable(item, DEADLINE);
    assertThat(deadline.toInstant().atZone(EngineClock.BEIJING).toLocalDate()).isEqualTo(today.plusDays(60));

    assertThatThrownBy(() -> steps.complete("ls_zhan", item, HANDLE_MATTER, Forms.extension(31, "需调查取证。")))
        .isInstanceOfSatisfying(InvalidSubmissionException.class,
            e -> assertThat(e.getFieldErrors()).containsKey(EXTENSION_DAYS));
    steps.complete("ls_zhan", item, HANDLE_MATTER, Forms.extension(30, "需调查取证。"));
    steps.complete("ls_jiwei", item, APPROVE_EXTENSION, Map.of(EXTENSION_DECISION, "APPROVED"));
    assertThat(((Date) items.unitVariable(item, DEADLINE)).toInstant().atZone(EngineClock.BEIJING).toLocalDate())
        .isEqualTo(today.plusDays(90));
  }
}
