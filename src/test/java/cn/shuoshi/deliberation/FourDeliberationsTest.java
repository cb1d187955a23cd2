package cn.shuoshi.deliberation;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerReads;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.Items;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.matter.MatterSteps;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import static cn.shuoshi.deliberation.FourDeliberationsProcess.*;
import static cn.shuoshi.matter.MatterProcess.Elements.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;


/** 四议两公开 for a public major matter: four deliberations, two publications, or an explained no. */
@ShuoshiTest
class FourDeliberationsTest {

  static final String CADRE = "ls11_ganbu1";
  static final String SECRETARY = "ls11_shuji";

  @Autowired LedgerReads ledgerReads;

  @Autowired MatterSteps steps;
  @Autowired Items items;
  @Autowired LedgerRepository ledger;

  ProcessInstance proposed() {
    ProcessInstance item = steps.register(CADRE, Forms.register("LS11"));
    steps.complete(CADRE, item, CLASSIFY_MATTER, Forms.classify("PUBLIC_MAJOR", CADRE));
    assertThat(items.instance(item, MatterProcess.FOUR_DELIBERATIONS)).isWaitingAt(BRANCH_PROPOSAL);
    steps.complete(SECRETARY, item, BRANCH_PROPOSAL, Map.of(PROPOSAL, "修建村文化广场，经费由村集体承担。",
        "proposalDate", LocalDate.now(cn.shuoshi.clock.EngineClock.BEIJING).toString()));
    steps.complete(CADRE, item, TWO_COMMITTEE_DISCUSSION, Forms.deliberation(true));
    return item;
  }

  @Test
  void anAdoptedResolutionIsPublishedCarriedOutAndItsResultPublished() {
    ProcessInstance item = proposed();
    steps.complete(SECRETARY, item, PARTY_MEMBERS_REVIEW, Forms.deliberation(true));
    steps.complete(SECRETARY, item, REPRESENTATIVES_RESOLUTION, Forms.deliberation(true));
    steps.complete(SECRETARY, item, PUBLISH_RESOLUTION, Forms.published());

    // The village carries out the resolution, then publishes the result (第二公开).
    assertThat(items.unit(item)).isWaitingAt(HANDLE_MATTER);
    steps.complete(CADRE, item, HANDLE_MATTER, Forms.resolved());
    steps.complete("ls11_ganbu2", item, VERIFY_RESULT, Forms.verified("CONFIRMED", null));
    assertThat(item).isWaitingAt(PUBLISH_RESULT);
    steps.complete(SECRETARY, item, PUBLISH_RESULT, Forms.published());
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("SATISFIED", null));

    assertThat(item).isEnded().hasPassed(END_RESOLVED);
    assertThat(ledgerReads.eventKinds(steps.number(item))).containsSubsequence(BRANCH_PROPOSAL, TWO_COMMITTEE_DISCUSSION,
        PARTY_MEMBERS_REVIEW, REPRESENTATIVES_RESOLUTION, PUBLISH_RESOLUTION, "RESOLUTION_PUBLISHED",
        PUBLISH_RESULT, "CLOSED");
  }

  @Test
  void aProposalThePartyMembersRejectEndsExplained() {
    ProcessInstance item = proposed();
    steps.complete(SECRETARY, item, PARTY_MEMBERS_REVIEW, Forms.deliberation(false));

    assertThat(item).isWaitingAt(FEEDBACK_TO_RESIDENT);
    steps.complete(CADRE, item, FEEDBACK_TO_RESIDENT, Forms.feedback());
    steps.complete(SECRETARY, item, REVIEW_SATISFACTION, Forms.rated("BASICALLY_SATISFIED", null));

    assertThat(item).isEnded().hasPassed(END_EXPLAINED);
    LedgerEntry closed = ledger.findByNumber(steps.number(item)).orElseThrow();
    assertThat(closed.outcome()).isEqualTo("EXPLAINED");
    assertThat(closed.policyBasis()).contains("四议两公开");
  }
}
