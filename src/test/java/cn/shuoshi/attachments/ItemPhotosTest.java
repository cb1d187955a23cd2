package cn.shuoshi.attachments;

import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.directory.Org;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Photos and documents of an item: the handler photographs the repaired pump and attaches the receipt at
 * 办理事项; the photo marked public shows on the village's board, the receipt and the unmarked photo never
 * do; everybody who reads the item's story sees them; what may not be attached is refused in Chinese and
 * stores nothing; a cadre who does not work on the step attaches nothing.
 */
@ShuoshiTest
class ItemPhotosTest {

  static final String VILLAGE = "LS11";
  static final String HANDLER = "ls11_ganbu1";
  static final String COLLEAGUE = "ls11_ganbu2";
  static final String STRANGER = "ls12_ganbu1";
  static final String BASE = "/camunda/api/tasklist/plugin/shuoshiStory/default";

  @LocalServerPort int port;
  @Autowired MatterSteps steps;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired Org org;

  @Test
  void theHandlerAttachesPhotosAndTheReceiptAtHandlingAndOnlyThePublicPhotoReachesTheBoard() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String number = runtime.createProcessInstanceQuery().processInstanceId(item.getId()).singleResult().getBusinessKey();
    Task handle = steps.task(item, HANDLE_MATTER);
    String files = BASE + "/task/" + handle.getId() + "/files";

    Caller handler = loggedIn(HANDLER);
    byte[] after = jpeg(Color.GREEN);
    byte[] before = png(Color.RED);
    byte[] receipt = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    byte[] iphone = heic();
    Caller.Answer first = handler.upload(files + "?name=" + enc("修好后的水泵.jpg") + "&public=true", "image/jpeg", after);
    assertThat(first.status()).as(first.toString())
        .isEqualTo(201);
    assertThat(handler.upload(files + "?name=" + enc("维修前.png"), "image/png", before).status()).isEqualTo(201);
    assertThat(handler.upload(files + "?name=" + enc("C:\\手机\\发票.pdf"), "application/octet-stream", receipt).status())
        .isEqualTo(201);
    assertThat(handler.upload(files + "?name=IMG_0001.HEIC", "image/heic", iphone).status()).isEqualTo(201);

    // The story lists them at their step, by whom, what kind; the tab's links give back what was sent.
    JsonNode story = handler.get(BASE + "/task/" + handle.getId()).json();
    List<String> listed = new ArrayList<>();
    story.path("files").forEach(f -> listed.add(f.path("step").asText() + "|" + f.path("actor").asText() + "|"
        + f.path("name").asText() + "|" + f.path("kind").asText() + "|" + f.path("public").asBoolean()));
    String handlerName = org.cadreName(HANDLER).orElseThrow();
    assertThat(listed).containsExactly(
        "办理事项|" + handlerName + "|修好后的水泵.jpg|JPEG 照片|true",
        "办理事项|" + handlerName + "|维修前.png|PNG 图片|false",
        "办理事项|" + handlerName + "|发票.pdf|PDF 文件|false",
        "办理事项|" + handlerName + "|IMG_0001.HEIC|HEIC 照片|false");
    long afterId = story.path("files").get(0).path("id").asLong();
    long beforeId = story.path("files").get(1).path("id").asLong();
    long receiptId = story.path("files").get(2).path("id").asLong();

    HttpResponse<byte[]> photo = handler.download(files + "/" + afterId);
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.body()).isEqualTo(after);
    assertThat(photo.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");
    assertThat(photo.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
    HttpResponse<byte[]> pdf = handler.download(BASE + "/item/" + number + "/files/" + receiptId);
    assertThat(pdf.body()).isEqualTo(receipt);
    // A PDF is downloaded, never shown in the Tasklist's own origin.
    assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
        .contains(enc("发票.pdf").replace("+", "%20"));

    // The printable story shows the photos.
    assertThat(handler.get(BASE + "/item/" + number + "/page").body())
        .contains("照片和文件", "<img src=\"files/" + afterId + "\"", "发票.pdf", "已公开到公示栏");

    // Another cadre of the village reads the story and its files (their village's item).
    Caller colleague = loggedIn(COLLEAGUE);
    assertThat(colleague.download(BASE + "/item/" + number + "/files/" + beforeId).body()).isEqualTo(before);

    // The board: the public photo only, nothing else.
    String board = Caller.anonymous(port).get("/board/villages/" + VILLAGE + "?month="
        + LocalDate.now(cn.shuoshi.clock.EngineClock.BEIJING).toString().substring(0, 7)).body();
    assertThat(board).contains("../photos/" + number + "/" + afterId)
        .doesNotContain("/" + beforeId + "\"", "/" + receiptId + "\"");
    Caller anybody = Caller.anonymous(port);
    // The board's own copy: a JPEG drawn afresh (no phone metadata), not the file as uploaded.
    HttpResponse<byte[]> onBoard = anybody.download("/board/photos/" + number + "/" + afterId);
    assertThat(onBoard.statusCode()).isEqualTo(200);
    assertThat(onBoard.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");
    assertThat(onBoard.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-cache");
    assertThat(FileKind.sniff(onBoard.body())).contains(FileKind.JPEG);
    assertThat(onBoard.body()).isNotEqualTo(after);
    assertThat(anybody.download("/board/photos/" + number + "/" + beforeId).statusCode()).isEqualTo(404);
    assertThat(anybody.download("/board/photos/" + number + "/" + receiptId).statusCode()).isEqualTo(404);
    assertThat(anybody.download(BASE + "/item/" + number + "/files/" + beforeId).statusCode()).isIn(401, 403);

    // Every upload and publication is a line of the item's history, by its cadre.
    List<String> lines = jdbc.queryForList("select e.kind || '|' || e.actor || '|' || e.note from matter_event e "
        + "join matter m on m.id = e.matter_id where m.matter_number = ? and e.kind like '%ATTACHED%' order by e.id",
        String.class, number);
    assertThat(lines).containsExactly("ATTACHED|" + HANDLER + "|修好后的水泵.jpg（公开到公示栏）",
        "ATTACHED|" + HANDLER + "|维修前.png", "ATTACHED|" + HANDLER + "|发票.pdf", "ATTACHED|" + HANDLER + "|IMG_0001.HEIC");
    assertThat(story.toString()).doesNotContain("ATTACHED");

    // An iPhone photo cannot go on the board (no browser shows HEIC): refused in Chinese.
    long heicId = story.path("files").get(3).path("id").asLong();
    Caller.Answer heicPublic = handler.send("POST", files + "/" + heicId + "/public?public=true", null, null);
    assertThat(heicPublic.status()).isEqualTo(400);
    assertThat(heicPublic.json().path("message").asText()).contains("不能公开到公示栏", "JPEG 或 PNG");

    // Taking the photo off the board.
    assertThat(handler.send("POST", files + "/" + afterId + "/public?public=false", null, null).status())
        .isEqualTo(200);
    assertThat(anybody.download("/board/photos/" + number + "/" + afterId).statusCode()).isEqualTo(404);
    assertThat(jdbc.queryForList("select e.kind from matter_event e join matter m on m.id = e.matter_id "
        + "where m.matter_number = ? and e.kind like 'PHOTO_%'", String.class, number)).containsExactly("PHOTO_WITHDRAWN");

    // Nothing of the files is in the process: no variable carries bytes or a file's name.
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(item.getId()).list())
        .noneMatch(v -> v.getTypeName().equals("bytes") || v.getTypeName().equals("file")
            || String.valueOf(v.getValue()).contains("水泵"));
  }

  @Test
  void whatMayNotBeAttachedIsRefusedInChineseAndStoresNothing() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    Task handle = steps.task(item, HANDLE_MATTER);
    String files = BASE + "/task/" + handle.getId() + "/files";
    long stored = count();

    Caller handler = loggedIn(HANDLER);
    Caller.Answer program = handler.upload(files + "?name=" + enc("照片.jpg"), "image/jpeg",
        "MZ\u0090\u0000 not a photo".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(program.status()).isEqualTo(400);
    assertThat(program.json().path("message").asText()).isEqualTo("“照片.jpg”不是照片（JPEG、PNG、HEIC）或 PDF 文件，不能上传");
    Caller.Answer empty = handler.upload(files + "?name=a.jpg", "image/jpeg", new byte[0]);
    assertThat(empty.json().path("message").asText()).isEqualTo("“a.jpg”是空文件，请重新选择");
    byte[] huge = Arrays.copyOf(jpeg(Color.BLUE), 10 * 1024 * 1024 + 1);
    Caller.Answer tooLarge = handler.upload(files + "?name=big.jpg", "image/jpeg", huge);
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.json().path("message").asText()).isEqualTo("“big.jpg”超过10 MB 的上限，请压缩后再上传");
    Caller.Answer publicPdf = handler.upload(files + "?name=a.pdf&public=true", "application/pdf",
        "%PDF-1.4 x".getBytes(StandardCharsets.US_ASCII));
    assertThat(publicPdf.json().path("message").asText()).isEqualTo("只有照片可以公开到公示栏，“a.pdf”是PDF 文件");
    Caller.Answer script = handler.upload(files + "?name=" + enc("<script>x</script>.svg"), "image/svg+xml",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
    assertThat(script.status()).isEqualTo(400);

    // Not the step's cadre: a colleague of the village (the task is the handler's), a cadre of another
    // village, nobody logged in.
    for (Caller caller : List.of(loggedIn(COLLEAGUE), loggedIn(STRANGER))) {
      Caller.Answer refused = caller.upload(files + "?name=a.jpg", "image/jpeg", jpeg(Color.BLACK));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).contains("只有办理这一步的干部");
    }
    assertThat(Caller.anonymous(port).upload(files + "?name=a.jpg", "image/jpeg", jpeg(Color.BLACK)).status())
        .isIn(401, 403);
    assertThat(count()).as("nothing stored").isEqualTo(stored);
  }

  long count() {
    return jdbc.queryForObject("select count(*) from matter_attachment", Long.class);
  }

  static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static byte[] jpeg(Color color) {
    return image(color, "jpg");
  }

  static byte[] png(Color color) {
    return image(color, "png");
  }

  /** The first box of an iPhone photo: an ISO media file of brand heic. */
  static byte[] heic() {
    byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'};
    return Arrays.copyOf(head, 200);
  }

  static byte[] image(Color color, String format) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  Caller loggedIn(String user) {
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", user, TestOrganisation.password(user)).status()).isEqualTo(200);
    // The login starts a new session; the Tasklist's next read hands out its CSRF token, as in the browser.
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);
    return browser;
  }
}
