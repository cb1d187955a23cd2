package cn.shuoshi.residentpage;

import cn.shuoshi.audit.Origin;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The resident acting on their own page, through the modelled path: the same form submissions a cadre
 * makes in the Tasklist (the form's checks, the step's listeners, the ledger's record and history line),
 * made by the service for the resident. The engine knows the actor as {@value Origin#RESIDENT} (every
 * ledger line and audit line says so, through the door {@code RESIDENT_PAGE}); the resident has no
 * Camunda account and no grants, so the submission runs without the engine's authorization check — the
 * private link (or, for a registration, the page's flood limits) was the check. Only these two
 * submissions exist: no other command can be made as the resident.
 */
@Component
public class AsResident {

  private final ProcessEngineConfigurationImpl engine;
  private final IdentityService identity;

  public AsResident(ProcessEngineConfigurationImpl engine, IdentityService identity) {
    this.engine = engine;
    this.identity = identity;
  }

  /** Submits the form of task {@code taskId} (the rating) as the resident. */
  public void submitTaskForm(String taskId, Map<String, Object> values) {
    run(new Submission<>(new SubmitTaskFormCmd(taskId, values, false, false)));
  }

  /** Submits the registration form of process definition {@code definitionId} as the resident. */
  public ProcessInstance submitStartForm(String definitionId, Map<String, Object> values) {
    return run(new Submission<>(new SubmitStartFormCmd(definitionId, null, values)));
  }

  private <T> T run(Command<T> command) {
    identity.setAuthentication(Origin.RESIDENT, List.of());
    try {
      return engine.getCommandExecutorTxRequired().execute(command);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The engine's own submission, without the authorization check of a user the engine does not know. */
  private record Submission<T>(Command<T> submit) implements Command<T> {
    @Override
    public T execute(CommandContext context) {
      return context.runWithoutAuthorization(() -> submit.execute(context));
    }
  }
}
