package cn.shuoshi.web;

import cn.shuoshi.api.DatabaseOutage;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.security.models.ModelNotAllowedException;
import cn.shuoshi.security.models.ModelProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as the starter configures it, except for the answers a cadre's client must be
 * able to act on:
 * <ul>
 *   <li>a refused submission is a 400 with every bad field on every endpoint ({@code /start} wraps it
 *       into a 500 otherwise);</li>
 *   <li>two cadres claiming or completing the same task at once: the loser gets 409 in Chinese
 *       ({@link TaskAlreadyClaimedException}, {@link OptimisticLockingException}; 500 otherwise), and a
 *       task completed meanwhile is 404;</li>
 *   <li>a Json variable that cannot be parsed is a 400 naming it, not a 500 from the listener that read it;</li>
 *   <li>a deployment whose model holds what models may not use is a 400 naming each file, element and
 *       problem (security.models.ModelAllowList), without the engine's exception class;</li>
 *   <li>an unreachable database is a 503 with Retry-After, not a 500 with the driver's message.</li>
 * </ul>
 */
@Component
public class SubmissionAwareJerseyConfig extends CamundaJerseyResourceConfig {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionAwareJerseyConfig.class);
  private static final Pattern VARIABLE = Pattern.compile("in variable '([^']{1,64})'");
  private static final Set<Class<?>> REPLACED = Set.of(RestExceptionHandler.class, ProcessEngineExceptionHandler.class,
      ExceptionHandler.class, JsonMappingExceptionHandler.class, JsonParseExceptionHandler.class);

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    CamundaRestResources.getConfigurationClasses().stream()
        .filter(c -> !REPLACED.contains(c))
        .forEach(this::register);
    register(SubmissionAwareRestExceptionHandler.class);
    register(ConflictAwareProcessEngineExceptionHandler.class);
    register(OutageAwareExceptionHandler.class);
    register(MissingBodyHandler.class);
    register(MalformedJsonHandler.class);
    register(JsonMappingHandler.class);
    register(JsonParseHandler.class);
    register(JacksonFeature.class);
  }

  public static class SubmissionAwareRestExceptionHandler implements ExceptionMapper<RestException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(RestException exception) {
      return lostRaceOrKnownOrDefault(exception, uri);
    }
  }

  public static class ConflictAwareProcessEngineExceptionHandler implements ExceptionMapper<ProcessEngineException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return lostRaceOrKnownOrDefault(exception, uri);
    }
  }

  /**
   * Everything that is not an engine exception: the ledger and our listeners write through Spring's
   * JDBC, whose exceptions (and the transaction manager's, at commit) reach the REST layer unwrapped.
   * A lost database is a 503 here too, not the engine's generic 500.
   */
  public static class OutageAwareExceptionHandler implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable exception) {
      return knownOrDefault(exception);
    }
  }

  /**
   * The engine's resources dereference the request body without checking it: a call without one (or
   * with {@code null}) fails inside the REST layer. That is the caller's mistake, not the service's.
   */
  public static class MissingBodyHandler implements ExceptionMapper<NullPointerException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(NullPointerException exception) {
      StackTraceElement[] trace = exception.getStackTrace();
      if (trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.")) {
        return answer(Response.Status.BAD_REQUEST, "MissingBody", "请求内容缺失或不完整，请按接口说明提交");
      }
      // Two completions of the same task at once: the loser's transaction read the task before the
      // winner committed, then finds its execution (or the whole process instance) gone and the engine
      // dereferences null before its optimistic lock would have told it so.
      Response lost = lostRace(uri);
      return lost != null ? lost : ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
  }

  private static final Pattern TASK_PATH = Pattern.compile("(?:^|/)task/([^/]{1,64})/");

  /**
   * The loser of a race on one task (two completions, a claim and a completion) fails in whatever
   * check meets the winner's changes first: a null execution, or the permission check on a task
   * whose authorizations the winner's completion removed (the engine's 403, in English). When the
   * task of the call is indeed gone, the answer is the 409 of every other lost race; else null.
   */
  static Response lostRace(UriInfo uri) {
    Matcher task = TASK_PATH.matcher(uri == null || uri.getPath() == null ? "" : uri.getPath());
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine(false);
    if (!task.find() || engine == null) {
      return null;
    }
    String taskId = task.group(1);
    boolean gone = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(context -> context.getTaskManager().findTaskById(taskId) == null);
    if (!gone) {
      return null;
    }
    LOG.info("task call lost a race: the task was completed meanwhile");
    return concurrentChange();
  }

  static Response lostRaceOrKnownOrDefault(Throwable exception, UriInfo uri) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof AuthorizationException) {
        Response lost = lostRace(uri);
        if (lost != null) {
          return lost;
        }
        break;
      }
    }
    return knownOrDefault(exception);
  }

  /**
   * A body that is not JSON, or JSON of the wrong shape: the engine would echo Jackson's message, which
   * names internal classes. The caller learns what is wrong in words, not in our class names.
   */
  public static class MalformedJsonHandler implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
      return answer(Response.Status.BAD_REQUEST, "InvalidJson", "请求内容不是有效的 JSON，或字段的类型不正确");
    }
  }

  /** Jackson's JSON feature has mappers of its own for these two; ours come first. */
  @jakarta.annotation.Priority(1)
  public static class JsonMappingHandler implements ExceptionMapper<com.fasterxml.jackson.databind.JsonMappingException> {

    @Override
    public Response toResponse(com.fasterxml.jackson.databind.JsonMappingException exception) {
      return new MalformedJsonHandler().toResponse(exception);
    }
  }

  @jakarta.annotation.Priority(1)
  public static class JsonParseHandler implements ExceptionMapper<com.fasterxml.jackson.core.JsonParseException> {

    @Override
    public Response toResponse(com.fasterxml.jackson.core.JsonParseException exception) {
      return new MalformedJsonHandler().toResponse(exception);
    }
  }

  static Response knownOrDefault(Throwable exception) {
    Response known = known(exception);
    return known != null ? known : ExceptionHandlerHelper.getInstance().getResponse(exception);
  }

  /** The answer for an exception we know how to explain, or null for the engine's default answer. */
  static Response known(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSubmissionException invalid) {
        return json(Response.Status.BAD_REQUEST, invalidSubmission(invalid));
      }
      if (cause instanceof ModelNotAllowedException refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "ModelNotAllowed");
        body.put("message", refused.getMessage());
        body.put("problems", refused.getProblems().stream().map(SubmissionAwareJerseyConfig::problem).toList());
        return json(Response.Status.BAD_REQUEST, body);
      }
      if (cause instanceof TaskAlreadyClaimedException) {
        return answer(Response.Status.CONFLICT, "TaskAlreadyClaimed", "该任务已被其他干部签收，请刷新任务列表");
      }
      if (cause instanceof OptimisticLockingException) {
        return concurrentChange();
      }
      if (cause instanceof NullValueException && cause.getMessage() != null
          && cause.getMessage().startsWith("Cannot find task")) {
        return answer(Response.Status.NOT_FOUND, "TaskNotFound", "该任务已不存在，可能已由其他人办理完毕，请刷新任务列表");
      }
      if (cause.getMessage() != null && cause.getMessage().contains("Cannot deserialize object in variable")) {
        Matcher variable = VARIABLE.matcher(cause.getMessage());
        return answer(Response.Status.BAD_REQUEST, "InvalidVariable",
            "提交的" + (variable.find() ? "“" + variable.group(1) + "”" : "变量") + "格式不正确，无法解析，请检查后重新提交");
      }
      if (cause.getMessage() != null && cause.getMessage().contains("Cannot find serializer for value")) {
        return answer(Response.Status.BAD_REQUEST, "InvalidVariable", "不支持该类型的变量，请以文字或 JSON 提交");
      }
      if (cause.getMessage() != null && cause.getMessage().contains("Java serialization format is prohibited")) {
        return answer(Response.Status.BAD_REQUEST, "InvalidVariable", "不接受 Java 序列化格式的变量，请以文字或 JSON 提交");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (DatabaseOutage.isOutage(exception)) {
      LOG.warn("engine REST call failed: database unreachable");
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
          .entity(Map.of("type", "DatabaseUnavailable", "message", DatabaseOutage.DETAIL))
          .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
    }
    return null;
  }

  /** The answer to a refused submission, on the engine REST API and the webapps' API (ErrorAnswerFilter). */
  static Map<String, Object> invalidSubmission(InvalidSubmissionException invalid) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "InvalidSubmission");
    body.put("message", invalid.getMessage());
    body.put("fieldErrors", invalid.getFieldErrors());
    // Added beside fieldErrors (unchanged for API clients): the Tasklist puts each reason under its
    // field, found by the form component's id (tasklist/scripts/form-js-zh.js).
    body.put("fields", invalid.getFields());
    return body;
  }

  private static Map<String, Object> problem(ModelProblem problem) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("resource", problem.resource());
    entry.put("element", problem.element());
    entry.put("problem", problem.problem());
    return entry;
  }

  /** Every lost race on a task, whichever check noticed it first. */
  private static Response concurrentChange() {
    return answer(Response.Status.CONFLICT, "ConcurrentChange", "该任务刚刚已被其他人签收或办理，本次操作未生效，请刷新后查看");
  }

  private static Response answer(Response.Status status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    return json(status, body);
  }

  private static Response json(Response.Status status, Map<String, Object> body) {
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
  }
}
