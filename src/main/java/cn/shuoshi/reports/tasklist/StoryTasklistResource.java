package cn.shuoshi.reports.tasklist;

import cn.shuoshi.api.HtmlPage;
import cn.shuoshi.attachments.AttachmentRefused;
import cn.shuoshi.attachments.Attachments;
import cn.shuoshi.reports.ItemStory;
import cn.shuoshi.reports.LedgerAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  /** The words of the task's 提交 button ({@link ItemStory#submitWords}), for the Tasklist's script. */
  @GET
  @Path("{engine}/task/{taskId}/submit-words")
  @Produces(MediaType.APPLICATION_JSON)
  public Response submitWords(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return bean(ItemStory.class).submitWords(taskId).map(words -> {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("submit", words.submit());
      answer.put("decisionLabel", words.decisionLabel());
      answer.put("byChoice", words.byChoice());
      return Response.ok(answer).build();
    }).orElseGet(StoryTasklistResource::notFound);
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

  /**
   * A photo or document for the task's item, at the task's step: the file's bytes as the body (the
   * browser sends the chosen file as it is), its name and whether it goes on the public board as query
   * parameters. Refused in Chinese (400) when it is empty, too large, not a photo or PDF, or one too many.
   */
  @POST
  @Path("{engine}/task/{taskId}/files")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response attach(@PathParam("engine") String engine, @PathParam("taskId") String taskId,
      @QueryParam("name") String name, @QueryParam("public") boolean isPublic,
      @HeaderParam("Content-Length") @DefaultValue("-1") long length, InputStream body) throws IOException {
    try {
      // Read only for who works on the task, and one byte past the limit at most (TaskAttachments).
      return bean(TaskAttachments.class).attach(taskId, name, body, length, isPublic)
          .map(file -> Response.status(Response.Status.CREATED).entity(Map.of("id", file.id(), "name", file.fileName(),
              "kind", file.kind().label())).build())
          .orElseGet(StoryTasklistResource::notYours);
    } catch (AttachmentRefused refused) {
      return refused(refused);
    }
  }

  private static Response notYours() {
    return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
        .entity(Map.of("message", "只有办理这一步的干部可以添加照片和文件或改变其公开")).build();
  }

  /** Puts a photo on the public board ({@code public=true}) or takes it off. */
  @POST
  @Path("{engine}/task/{taskId}/files/{fileId}/public")
  @Produces(MediaType.APPLICATION_JSON)
  public Response publish(@PathParam("engine") String engine, @PathParam("taskId") String taskId,
      @PathParam("fileId") long fileId, @QueryParam("public") boolean isPublic) {
    try {
      return bean(TaskAttachments.class).publish(taskId, fileId, isPublic)
          ? Response.ok(Map.of("public", isPublic)).build() : notYours();
    } catch (AttachmentRefused refused) {
      return refused(refused);
    }
  }

  @GET
  @Path("{engine}/task/{taskId}/files/{fileId}")
  public Response fileOfTask(@PathParam("engine") String engine, @PathParam("taskId") String taskId,
      @PathParam("fileId") long fileId) {
    ItemStory stories = bean(ItemStory.class);
    return file(stories.itemOfTask(taskId).flatMap(number -> stories.file(number, fileId, viewer(), true)));
  }

  @GET
  @Path("{engine}/item/{number}/files/{fileId}")
  public Response fileOfItem(@PathParam("engine") String engine, @PathParam("number") String number,
      @PathParam("fileId") long fileId) {
    return file(bean(ItemStory.class).file(number, fileId, viewer(), false));
  }

  /**
   * A file as stored, under the type its bytes showed. Photos a browser can show open in the page; HEIC
   * and PDF are downloaded, so nothing a cadre attached runs in the Tasklist's origin.
   */
  private static Response file(Optional<Attachments.Content> file) {
    if (file.isEmpty()) {
      return notFound();
    }
    Attachments.Content content = file.get();
    String disposition = content.kind().shownInPage() ? "inline" : "attachment";
    return Response.ok(content.bytes(), content.kind().mediaType())
        .header("Content-Disposition", disposition + "; filename*=UTF-8''"
            + URLEncoder.encode(content.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .header("Cache-Control", "private, no-store").build();
  }

  private static Response refused(AttachmentRefused refused) {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
        .entity(Map.of("message", refused.getMessage())).build();
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
  private Map<String, Object> json(ItemStory.Story s) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("fileLimit", bean(Attachments.class).maxFileSizeText());
    answer.put("fileLimitBytes", bean(Attachments.class).maxFileBytes());
    answer.put("number", s.number());
    answer.put("title", s.title());
    answer.put("village", s.village());
    answer.put("type", s.type());
    answer.put("subject", s.subject());
    answer.put("state", s.state());
    answer.put("registeredAt", s.registeredAt());
    answer.put("deadline", s.deadline());
    answer.put("outcome", s.outcome());
    answer.put("files", s.files().stream().map(f -> {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("id", f.id());
      file.put("at", f.at());
      file.put("actor", f.actor());
      file.put("step", f.step());
      file.put("name", f.name());
      file.put("kind", f.kind());
      file.put("size", f.size());
      file.put("publishable", f.publishable());
      file.put("inPage", f.inPage());
      file.put("public", f.isPublic());
      return file;
    }).toList());
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
