package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository.NewMatter;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.resident.ResidentTexts;
import cn.shuoshi.settings.ShuoshiSettings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Enters a new item on the ledger and gives it its number. The cadre who registered it stays
 * responsible unless the classification names someone else (首访负责制); an item registered by
 * someone outside the village (a hotline operator, say) waits for the village's cadres instead, and
 * an item the desk decision sends to the town (a petition, a complaint about a cadre) has no village
 * cadre responsible: the registering cadre keeps its number as a receipt and sees nothing more.
 * The two-committee meeting takes items up within a configured number of days (3 after the
 * speaking day, 004).
 */
@Component("registerMatter")
public class RegisterMatter implements JavaDelegate {

  private final LedgerRepository ledger;
  private final Org org;
  private final EngineClock clock;
  private final int classifyDays;
  private final ResidentTexts residentTexts;

  public RegisterMatter(LedgerRepository ledger, Org org, EngineClock clock,
      ShuoshiSettings settings, ResidentTexts residentTexts) {
    this.residentTexts = residentTexts;
    int classifyDays = settings.intake().classifyDays();
    this.ledger = ledger;
    this.org = org;
    this.clock = clock;
    this.classifyDays = classifyDays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NewMatter matter = StartFormValues.read(execution, org, clock.now());
    LedgerKey number = ledger.register(matter);
    execution.setProcessBusinessKey(number.number());
    execution.setVariable(MATTER_NUMBER, number.number());
    execution.setVariable(VILLAGE_NAME, org.villageName(matter.villageCode()));
    String firstContact = org.atVillage(matter.deskRole()) && org.worksFor(matter.registeredBy(), matter.villageCode())
        ? matter.registeredBy() : null;
    execution.setVariable(RESPONSIBLE_CADRE, firstContact);
    ledger.assignResponsible(number, firstContact, clock.now());
    execution.setVariable(CLASSIFY_DUE_DATE, EngineClock.endOfDay(clock.today().plusDays(classifyDays)));
    // The resident's private link and first text message (a mobile number, 不接收短信 not ticked).
    residentTexts.registered(number, matter.title(), matter.reporterPhone(),
        Boolean.TRUE.equals(execution.getVariable(SMS_REFUSED)), matter.registeredBy());
    StartFormValues.forgetReporter(execution);
  }
}
