package cn.shuoshi.forms;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Lets a refused submission or assignment reach the caller as itself. The engine wraps exceptions thrown in
 * listeners ("Exception while invoking TaskListener: …"), which the REST API would answer with 500;
 * unwrapped, {@code submit-form} and {@code complete} answer 400 with our message. The transaction
 * has rolled back by the time the exception passes here. A refused submission is also noted for the
 * HTTP request, so that the webapps' API answers it with its fields ({@link InvalidSubmissionException#noteForRequest}).
 */
@Component
public class SubmissionErrorsPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new UnwrapInvalidSubmission());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class UnwrapInvalidSubmission extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        if (e instanceof InvalidSubmissionException invalid) {
          invalid.noteForRequest();
          throw invalid;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
          if (cause instanceof InvalidSubmissionException invalid) {
            invalid.noteForRequest();
            throw invalid;
          }
          if (cause instanceof RefusedAssignmentException refused) {
            throw refused;
          }
          // A step that refuses itself (an instance writing to an item it did not register): a 403
          // with its own message, not the listener wrapper's 500.
          if (cause instanceof AuthorizationException refused) {
            throw refused;
          }
        }
        throw e;
      }
    }
  }
}
