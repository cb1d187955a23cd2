package cn.shuoshi.clock.admin;

import cn.shuoshi.clock.CalendarStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.admin.resource.AbstractAdminPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * {@code GET /camunda/api/admin/plugin/shuoshiCalendar/{engine}/status}: the calendar's status for the
 * Admin app's start page. Under the webapps' API, so the Admin app's login session and Camunda's
 * webapp security rules apply (any logged-in user; it only says which years are loaded); the service's
 * own {@code /api} takes HTTP Basic only. The same answer as {@code GET /api/calendar/status}.
 */
@Path("plugin/" + CalendarAdminPlugin.ID)
public class CalendarAdminResource extends AbstractAdminPluginRootResource {

  public CalendarAdminResource() {
    super(CalendarAdminPlugin.ID);
  }

  @GET
  @Path("{engine}/status")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> status(@PathParam("engine") String engine) {
    // Jersey makes this resource, not Spring: the service's beans come from the web application context.
    CalendarStatus.Status status = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext)
        .getBean(CalendarStatus.class).now();
    // Plain values: the webapps' JSON mapper is not the service's and knows no java.time types.
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("today", status.today().toString());
    answer.put("loadedYears", status.loadedYears());
    answer.put("currentYear", status.currentYear());
    answer.put("currentYearLoaded", status.currentYearLoaded());
    answer.put("nextYear", status.nextYear());
    answer.put("nextYearLoaded", status.nextYearLoaded());
    answer.put("missingYears", status.missingYears());
    answer.put("warning", status.warning());
    answer.put("message", status.message());
    return answer;
  }
}
