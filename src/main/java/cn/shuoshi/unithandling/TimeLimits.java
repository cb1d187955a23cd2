package cn.shuoshi.unithandling;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * One row of the decision table {@code levelTimeLimits}, as the business-rule task's output mapping
 * left it ({@code handlingDays}, {@code countsWorkingDays}, {@code signForDays}, {@code reminderHours},
 * {@code maxExtensionDays}). Versions of the models before those mappings left the whole row in
 * {@code timeLimits}.
 */
public record TimeLimits(int handlingDays, boolean workingDays, int signForDays, int reminderHours,
    int maxExtensionDays) {

  @SuppressWarnings("unchecked")
  public static TimeLimits of(DelegateExecution execution) {
    if (execution.getVariable(TIME_LIMITS) instanceof Map<?, ?> row) {
      return of((Map<String, Object>) row, "workingDays");
    }
    return of(execution.getVariables(), COUNTS_WORKING_DAYS);
  }

  private static TimeLimits of(Map<String, Object> row, String workingDaysKey) {
    return new TimeLimits(
        ((Number) row.get(HANDLING_DAYS)).intValue(),
        Boolean.TRUE.equals(row.get(workingDaysKey)),
        ((Number) row.get("signForDays")).intValue(),
        ((Number) row.get(REMINDER_HOURS)).intValue(),
        ((Number) row.get(MAX_EXTENSION_DAYS)).intValue());
  }
}
