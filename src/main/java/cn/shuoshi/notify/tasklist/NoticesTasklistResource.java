package cn.shuoshi.notify.tasklist;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.notify.CadreNotices;
import cn.shuoshi.notify.NoticeController;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * {@code /camunda/api/tasklist/plugin/shuoshiNotices/{engine}/notices}: the logged-in cadre's own notices
 * and unread count; {@code …/notices/{id}/read} marks one read. Another cadre's notice is answered 404; a
 * caller without a Tasklist session never gets here (401 from the webapps).
 */
@Path("plugin/" + NoticesTasklistPlugin.ID)
public class NoticesTasklistResource extends AbstractTasklistPluginRootResource {

  static final int LIMIT = 50;

  public NoticesTasklistResource() {
    super(NoticesTasklistPlugin.ID);
  }

  @GET
  @Path("{engine}/notices")
  @Produces(MediaType.APPLICATION_JSON)
  public Response mine(@PathParam("engine") String engine) {
    String user = user();
    if (user == null) {
      return Response.status(Response.Status.UNAUTHORIZED).entity(Map.of("message", "请先登录")).build();
    }
    return Response.ok(NoticeController.view(bean(CadreNotices.class), user, LIMIT)).build();
  }

  @POST
  @Path("{engine}/notices/{id}/read")
  @Produces(MediaType.APPLICATION_JSON)
  public Response read(@PathParam("engine") String engine, @PathParam("id") long id) {
    String user = user();
    if (user == null) {
      return Response.status(Response.Status.UNAUTHORIZED).entity(Map.of("message", "请先登录")).build();
    }
    return bean(CadreNotices.class).read(id, user, bean(EngineClock.class).now())
        .map(n -> Response.ok(NoticeController.notice(n)).build())
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
            .entity(Map.of("message", "没有这条消息")).build());
  }

  private String user() {
    Authentication caller = bean(IdentityService.class).getCurrentAuthentication();
    return caller == null ? null : caller.getUserId();
  }

  // Jersey makes this resource, not Spring: the service's beans come from the web application context.
  private <T> T bean(Class<T> type) {
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
  }
}
