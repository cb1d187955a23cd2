package cn.shuoshi.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Through which door a change reached the item: the audit trail names it for every step. */
public enum Door {
  /** The webapps in the browser: Tasklist, Cockpit, Admin (their API under /camunda/api). */
  WEBAPP("网页（任务列表等）"),
  /** The engine REST API (/engine-rest), e.g. another system or Camunda Modeler. */
  ENGINE_REST("引擎接口"),
  /** The service's own API (/api), e.g. the hotline's intake. */
  SERVICE_API("服务接口"),
  /** The resident's page (/r/…): the resident's own rating, online registration; no login. */
  RESIDENT_PAGE("群众页面"),
  /** A timer or another job run by the job executor. */
  TIMER("定时器"),
  /** The service itself: start-up, demo data, a job run by hand without a login. */
  SYSTEM("系统");

  private final String label;

  Door(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The door of the work running on this thread. */
  public static Door current() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if (path.startsWith("/camunda/")) {
        return WEBAPP;
      }
      if (path.startsWith("/engine-rest/")) {
        return ENGINE_REST;
      }
      if (path.startsWith("/api/")) {
        return SERVICE_API;
      }
      if (path.startsWith("/r/")) {
        return RESIDENT_PAGE;
      }
    }
    return Context.getJobExecutorContext() != null ? TIMER : SYSTEM;
  }
}
