package cn.shuoshi.deadline;

import static cn.shuoshi.matter.MatterProcess.Vars.TIME_LIMITS;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** One row of the decision table {@code levelTimeLimits}, as the business-rule task left it. */
public record TimeLimits(int handlingDays, boolean workingDays, int signForDays, int reminderHours,
    int maxExtensionDays) {

  @SuppressWarnings("unchecked")
  public static TimeLimits of(DelegateExecution execution) {
    Map<String, Object> row = (Map<String, Object>) execution.getVariable(TIME_LIMITS);
    return new TimeLimits(
        ((Number) row.get("handlingDays")).intValue(),
        Boolean.TRUE.equals(row.get("workingDays")),
        ((Number) row.get("signForDays")).intValue(),
        ((Number) row.get("reminderHours")).intValue(),
        ((Number) row.get("maxExtensionDays")).intValue());
  }
}
