package cn.shuoshi.steps;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.audit.Origin;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger columns a cadre's step fills, one {@link StepRecord} per kind of step. */
@Configuration(proxyBeanMethods = false)
public class LedgerRecords {

  private final LedgerRepository ledger;
  private final EngineClock clock;

  public LedgerRecords(LedgerRepository ledger, EngineClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Bean
  StepRecord classificationRecord() {
    return record("classification", (task, actor) -> {
      LedgerKey number = LedgerKey.of(task);
      ledger.recordClassification(number, text(task, MATTER_TYPE), text(task, HANDLING_LIST),
          text(task, SUBJECT), text(task, RESPONSIBLE_CADRE), clock.now());
      ledger.recordClassified(number, clock.now());
    });
  }

  @Bean
  StepRecord resultRecord() {
    return record("result", (task, actor) -> ledger.recordResult(LedgerKey.of(task), actor, text(task, OUTCOME),
        text(task, RESULT_SUMMARY), date(task, PROMISED_DATE), text(task, COMMITMENT_STEPS),
        text(task, POLICY_BASIS), clock.now()));
  }

  @Bean
  StepRecord verificationRecord() {
    return record("verification", (task, actor) -> ledger.recordVerification(LedgerKey.of(task), actor, clock.now()));
  }

  @Bean
  StepRecord feedbackRecord() {
    return record("feedback", (task, actor) -> ledger.recordFeedback(LedgerKey.of(task),
        text(task, FEEDBACK_METHOD), date(task, FEEDBACK_DATE), text(task, FEEDBACK_NOTE), clock.now()));
  }

  @Bean
  StepRecord satisfactionRecord() {
    // The resident's own rating (their page) or a cadre's record of it, naming the cadre.
    return record("satisfaction", (task, actor) -> ledger.recordSatisfaction(LedgerKey.of(task),
        text(task, SATISFACTION), Origin.RESIDENT.equals(actor), actor, clock.now()));
  }

  public static StepRecord record(String name, BiConsumer<DelegateTask, String> write) {
    return new StepRecord() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void record(DelegateTask task, String actor) {
        write.accept(task, actor);
      }
    };
  }

  public static String text(VariableScope scope, String key) {
    return scope.getVariable(key) instanceof String s && !s.isBlank() ? s : null;
  }

  public static LocalDate date(VariableScope scope, String key) {
    String text = text(scope, key);
    return text == null ? null : LocalDate.parse(text.substring(0, 10));
  }
}
