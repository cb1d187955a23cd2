package cn.shuoshi.reports.tasklist;

import cn.shuoshi.api.HtmlPage;
import cn.shuoshi.reports.ItemStory;
import cn.shuoshi.reports.LedgerAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * {@code /camunda/api/tasklist/plugin/shuoshiStory/{engine}/…}: an item's story (事项经过) and the items a
 * cadre took part in (我经手的事项), as JSON for the Tasklist's tab and as printable pages. Under the
 * webapps' API, so the Tasklist's login session applies: the caller is the logged-in user, and who may
 * read which item is {@link LedgerAccess#seesStory} (or the engine's own rule on the task asked about).
 * Anything the caller may not read is answered 404, like an item that does not exist.
 */
@Path("plugin/" + StoryTasklistPlugin.ID)
public class StoryTasklistResource extends AbstractTasklistPluginRootResource {

  private static final String NOT_FOUND = "没有找到您可以查看的事项";
  static final int MINE_LIMIT = 200;

  public StoryTasklistResource() {
    super(StoryTasklistPlugin.ID);
  }

  @GET
  @Path("{engine}/task/{taskId}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ofTask(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return storyOfTask(taskId).map(s -> Response.ok(json(s)).build()).orElseGet(StoryTasklistResource::notFound);
  }

  /** The printable page of a task's item, for whoever works on the task (as the tab). */
  @GET
  @Path("{engine}/task/{taskId}/page")
  @Produces(MediaType.TEXT_HTML)
  public Response taskPage(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return page(storyOfTask(taskId));
  }

  /** The story of the item a task belongs to, for a caller the engine lets see the task (who works on it). */
  private Optional<ItemStory.Story> storyOfTask(String taskId) {
    ItemStory stories = bean(ItemStory.class);
    return stories.itemOfTask(taskId).flatMap(number -> stories.read(number, viewer(), true));
  }

  @GET
  @Path("{engine}/item/{number}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ofItem(@PathParam("engine") String engine, @PathParam("number") String number) {
    return bean(ItemStory.class).read(number, viewer(), false).map(s -> Response.ok(json(s)).build())
        .orElseGet(StoryTasklistResource::notFound);
  }

  /** The story as a page to print (A4) or keep: the same words as the tab. */
  @GET
  @Path("{engine}/item/{number}/page")
  @Produces(MediaType.TEXT_HTML)
  public Response page(@PathParam("engine") String engine, @PathParam("number") String number) {
    return page(bean(ItemStory.class).read(number, viewer(), false));
  }

  private static Response page(Optional<ItemStory.Story> story) {
    if (story.isEmpty()) {
      return html(Response.Status.NOT_FOUND, "事项经过", "<h1>事项经过</h1><p class=\"sub\">" + NOT_FOUND + "</p>");
    }
    return html(Response.Status.OK, "事项经过 " + story.get().number(), StoryPages.story(story.get()));
  }

  @GET
  @Path("{engine}/mine")
  @Produces(MediaType.APPLICATION_JSON)
  public List<Map<String, Object>> mine(@PathParam("engine") String engine) {
    return bean(ItemStory.class).mine(viewer(), MINE_LIMIT).stream().map(m -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("number", m.number());
      item.put("title", m.title());
      item.put("village", m.village());
      item.put("state", m.state());
      item.put("registeredAt", m.registeredAt());
      item.put("part", m.part());
      item.put("open", m.open());
      item.put("readable", m.readable());
      return item;
    }).toList();
  }

  @GET
  @Path("{engine}/mine/page")
  @Produces(MediaType.TEXT_HTML)
  public Response minePage(@PathParam("engine") String engine) {
    LedgerAccess.Viewer viewer = viewer();
    return html(Response.Status.OK, "我经手的事项",
        StoryPages.mine(bean(ItemStory.class).mine(viewer, MINE_LIMIT)));
  }

  private LedgerAccess.Viewer viewer() {
    return bean(LedgerAccess.class).current();
  }

  // Jersey makes this resource, not Spring: the service's beans come from the web application context.
  private <T> T bean(Class<T> type) {
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
  }

  private static Response notFound() {
    return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
        .entity(Map.of("message", NOT_FOUND)).build();
  }

  private static Response html(Response.Status status, String title, String body) {
    return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Content-Security-Policy", HtmlPage.POLICY).header("X-Content-Type-Options", "nosniff")
        .entity(HtmlPage.document(title, body)).build();
  }

  /** Plain values: the webapps' JSON mapper is not the service's. */
  private static Map<String, Object> json(ItemStory.Story s) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("number", s.number());
    answer.put("title", s.title());
    answer.put("village", s.village());
    answer.put("type", s.type());
    answer.put("subject", s.subject());
    answer.put("state", s.state());
    answer.put("registeredAt", s.registeredAt());
    answer.put("deadline", s.deadline());
    answer.put("outcome", s.outcome());
    answer.put("lines", s.lines().stream().map(l -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("at", l.at());
      line.put("actor", l.actor());
      line.put("what", l.what());
      line.put("decision", l.decision());
      line.put("note", l.note());
      return line;
    }).toList());
    return answer;
  }
}
