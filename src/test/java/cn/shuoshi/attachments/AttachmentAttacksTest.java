package cn.shuoshi.attachments;

import static cn.shuoshi.attachments.ItemPhotosTest.BASE;
import static cn.shuoshi.attachments.ItemPhotosTest.enc;
import static cn.shuoshi.attachments.ItemPhotosTest.jpeg;
import static cn.shuoshi.matter.MatterProcess.Elements.CLASSIFY_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.HANDLE_MATTER;
import static cn.shuoshi.unithandling.UnitHandlingProcess.VERIFY_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import cn.shuoshi.TestOrganisation;
import cn.shuoshi.matter.Forms;
import cn.shuoshi.matter.MatterSteps;
import cn.shuoshi.security.Caller;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The photo and document doors attacked: who may attach or publish at a task that is not theirs (a
 * supervisor who only reads it, the handler at the verification of their own result, a cadre whose task
 * went to a colleague, a finished task), another item's file reached through this item's task, a POST
 * without the CSRF token, a file name that would be saved as a program, a body larger than the limit,
 * the public board and a confidential or sensitive item, and odd requests that must not answer 500.
 */
@ShuoshiTest
class AttachmentAttacksTest {

  static final String VILLAGE = "LS13";
  static final String HANDLER = "ls13_ganbu1";
  static final String COLLEAGUE = "ls13_ganbu2";
  static final String OTHER_VILLAGE = "LS12";
  static final String OTHER_HANDLER = "ls12_ganbu1";
  static final String SUPERVISOR = "ls_jiwei";

  @LocalServerPort int port;
  @Autowired MatterSteps steps;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  @Test
  void onlyTheCadreWhoWorksTheStepAttachesOrPublishes() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    Task classify = steps.task(item, CLASSIFY_MATTER);
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String number = steps.number(item);
    Task handle = steps.task(item, HANDLE_MATTER);
    String files = BASE + "/task/" + handle.getId() + "/files";
    Caller handler = loggedIn(HANDLER);
    Caller.Answer stored = handler.upload(files + "?name=a.jpg", "image/jpeg", jpeg(Color.ORANGE));
    assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
    long photo = stored.json().path("id").asLong();
    long before = count(number);

    // The town's discipline commission reads the task (READ grant) but does not work on it.
    Caller supervisor = loggedIn(SUPERVISOR);
    assertThat(supervisor.get(BASE + "/task/" + handle.getId()).status()).isEqualTo(200);
    assertThat(supervisor.upload(files + "?name=s.jpg", "image/jpeg", jpeg(Color.BLACK)).status()).isEqualTo(403);
    assertThat(supervisor.send("POST", files + "/" + photo + "/public?public=true", null, null).status())
        .isEqualTo(403);

    // A finished task opens nothing.
    assertThat(handler.upload(BASE + "/task/" + classify.getId() + "/files?name=c.jpg", "image/jpeg",
        jpeg(Color.BLACK)).status()).isIn(403, 404);

    // The task handed to a colleague: its former holder attaches nothing at it.
    tasks.setAssignee(handle.getId(), COLLEAGUE);
    assertThat(handler.upload(files + "?name=r.jpg", "image/jpeg", jpeg(Color.BLACK)).status()).isEqualTo(403);
    assertThat(handler.send("POST", files + "/" + photo + "/public?public=true", null, null).status())
        .isEqualTo(403);
    tasks.setAssignee(handle.getId(), HANDLER);

    // The verification of the handler's own result is hidden from them: nothing attached or published there.
    steps.complete(HANDLER, item, HANDLE_MATTER, Forms.resolved());
    Task verify = steps.task(item, VERIFY_RESULT);
    String verifyFiles = BASE + "/task/" + verify.getId() + "/files";
    assertThat(handler.upload(verifyFiles + "?name=v.jpg", "image/jpeg", jpeg(Color.BLACK)).status()).isEqualTo(403);
    assertThat(handler.send("POST", verifyFiles + "/" + photo + "/public?public=true", null, null).status())
        .isEqualTo(403);
    assertThat(count(number)).as("nothing stored").isEqualTo(before);
    assertThat(isPublic(photo)).isFalse();

    // The verifier, a candidate of the step, may.
    Caller verifier = loggedIn(COLLEAGUE);
    assertThat(verifier.upload(verifyFiles + "?name=v.jpg", "image/jpeg", jpeg(Color.BLUE)).status()).isEqualTo(201);
  }

  @Test
  void anotherItemsFileIsNeitherReadNorPublishedThroughThisItem() {
    ProcessInstance mine = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, mine, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    ProcessInstance theirs = steps.register(OTHER_HANDLER, Forms.register(OTHER_VILLAGE));
    steps.complete(OTHER_HANDLER, theirs, CLASSIFY_MATTER, Forms.classify("VILLAGE", OTHER_HANDLER));
    String myTask = BASE + "/task/" + steps.task(mine, HANDLE_MATTER).getId();
    String theirTask = BASE + "/task/" + steps.task(theirs, HANDLE_MATTER).getId();

    Caller other = loggedIn(OTHER_HANDLER);
    byte[] secret = jpeg(Color.MAGENTA);
    long theirFile = other.upload(theirTask + "/files?name=x.jpg", "image/jpeg", secret).json().path("id").asLong();

    Caller handler = loggedIn(HANDLER);
    assertThat(handler.download(myTask + "/files/" + theirFile).statusCode()).isEqualTo(404);
    assertThat(handler.download(BASE + "/item/" + steps.number(mine) + "/files/" + theirFile).statusCode())
        .isEqualTo(404);
    assertThat(handler.download(BASE + "/item/" + steps.number(theirs) + "/files/" + theirFile).statusCode())
        .isEqualTo(404);
    assertThat(handler.download(theirTask + "/files/" + theirFile).statusCode()).isEqualTo(404);
    Caller.Answer publish = handler.send("POST", myTask + "/files/" + theirFile + "/public?public=true", null, null);
    assertThat(publish.status()).isEqualTo(400);
    assertThat(isPublic(theirFile)).isFalse();
    assertThat(Caller.anonymous(port).download("/board/photos/" + steps.number(theirs) + "/" + theirFile)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void aPostWithoutTheCsrfTokenStoresAndPublishesNothing() throws Exception {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String number = steps.number(item);
    String files = BASE + "/task/" + steps.task(item, HANDLE_MATTER).getId() + "/files";
    Caller handler = loggedIn(HANDLER);
    long photo = handler.upload(files + "?name=a.jpg", "image/jpeg", jpeg(Color.ORANGE)).json().path("id").asLong();
    long before = count(number);

    // What another site's page could make the cadre's browser send: the cookies, no X-XSRF-TOKEN header.
    String cookies = "JSESSIONID=" + handler.cookie("JSESSIONID") + "; XSRF-TOKEN=" + handler.cookie("XSRF-TOKEN");
    HttpClient http = HttpClient.newHttpClient();
    for (HttpRequest request : List.of(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + files + "?name=csrf.jpg"))
            .header("Cookie", cookies).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg(Color.RED))).build(),
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + files + "/" + photo + "/public?public=true"))
            .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.noBody()).build())) {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isIn(401, 403);
    }
    assertThat(count(number)).isEqualTo(before);
    assertThat(isPublic(photo)).isFalse();
  }

  /**
   * A cadre names a PDF "会议纪要.hta" (or hides the real ending behind a right-to-left mark): whoever
   * downloads it would save a program that Windows runs (an HTML application after "%PDF-"). The name kept
   * and sent ends as the kind its bytes showed.
   */
  @Test
  void aFileIsKeptAndDownloadedUnderTheEndingOfItsKind() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String task = BASE + "/task/" + steps.task(item, HANDLE_MATTER).getId();
    Caller handler = loggedIn(HANDLER);
    byte[] hta = "%PDF-1.4\n<script>new ActiveXObject('WScript.Shell').Run('calc')</script>"
        .getBytes(StandardCharsets.US_ASCII);
    Map<String, String> sent = Map.of(
        "会议纪要.hta", "会议纪要.hta.pdf",
        "照片\u202Egpj.exe", "照片gpj.exe.jpg",
        "现场.JPEG", "现场.JPEG",
        "收据.pdf", "收据.pdf",
        "无后缀", "无后缀.pdf",
        "😀".repeat(101), "😀".repeat(96) + ".pdf");
    for (Map.Entry<String, String> name : sent.entrySet()) {
      byte[] content = name.getValue().endsWith(".pdf") ? hta : jpeg(Color.GREEN);
      Caller.Answer stored = handler.upload(task + "/files?name=" + enc(name.getKey()), "application/octet-stream",
          content);
      assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
      assertThat(stored.json().path("name").asText()).as(name.getKey()).isEqualTo(name.getValue());
      HttpResponse<byte[]> file = handler.download(task + "/files/" + stored.json().path("id").asLong());
      assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
          .endsWith("''" + enc(name.getValue()).replace("+", "%20"));
    }
  }

  /**
   * A phone photo of 15 MB: the cadre reads why it was refused (400 in Chinese), and the server neither
   * reads it whole nor stores anything.
   */
  @Test
  void aFileFarAboveTheLimitIsRefusedWithItsReason() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String number = steps.number(item);
    String files = BASE + "/task/" + steps.task(item, HANDLE_MATTER).getId() + "/files";
    Caller handler = loggedIn(HANDLER);
    Caller.Answer refused = handler.upload(files + "?name=big.jpg", "image/jpeg",
        Arrays.copyOf(jpeg(Color.BLUE), 15 * 1024 * 1024));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("超过10 MB 的上限");
    assertThat(count(number)).isZero();
    // A stranger's large body is refused for the task, not for its size.
    Caller stranger = loggedIn(OTHER_HANDLER);
    assertThat(stranger.upload(files + "?name=big.jpg", "image/jpeg", Arrays.copyOf(jpeg(Color.BLUE), 1024 * 1024))
        .status()).isEqualTo(403);
  }

  @Test
  void theBoardNeverShowsAPhotoOfAConfidentialOrSensitiveItem() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String number = steps.number(item);
    String files = BASE + "/task/" + steps.task(item, HANDLE_MATTER).getId() + "/files";
    long photo = loggedIn(HANDLER).upload(files + "?name=a.jpg&public=true", "image/jpeg", jpeg(Color.ORANGE))
        .json().path("id").asLong();
    Caller anybody = Caller.anonymous(port);
    HttpResponse<byte[]> shown = anybody.download("/board/photos/" + number + "/" + photo);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(shown.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
    // The wrong number for the right id finds nothing.
    assertThat(anybody.download("/board/photos/LS12-2099-00001/" + photo).statusCode()).isEqualTo(404);

    Map<String, Object> row = jdbc.queryForMap("select confidential, desk_role from matter where matter_number = ?",
        number);
    try {
      jdbc.update("update matter set confidential = true where matter_number = ?", number);
      assertThat(anybody.download("/board/photos/" + number + "/" + photo).statusCode()).isEqualTo(404);
      jdbc.update("update matter set confidential = false, desk_role = 'STATION' where matter_number = ?",
          number);
      assertThat(anybody.download("/board/photos/" + number + "/" + photo).statusCode()).isEqualTo(404);
    } finally {
      jdbc.update("update matter set confidential = ?, desk_role = ? where matter_number = ?", row.get("confidential"),
          row.get("desk_role"), number);
    }
  }

  @Test
  void oddRequestsAreAnsweredWithoutAServerError() {
    ProcessInstance item = steps.register(HANDLER, Forms.register(VILLAGE));
    steps.complete(HANDLER, item, CLASSIFY_MATTER, Forms.classify("VILLAGE", HANDLER));
    String task = BASE + "/task/" + steps.task(item, HANDLE_MATTER).getId();
    Caller handler = loggedIn(HANDLER);
    Caller anybody = Caller.anonymous(port);
    List<Caller.Answer> answers = List.of(
        anybody.get("/board/photos/x/abc"),
        anybody.get("/board/photos/x/99999999999999999999999"),
        anybody.get("/board/photos/%20/-1"),
        handler.get(task + "/files/abc"),
        handler.get(BASE + "/task/nope/files/1"),
        handler.get(BASE + "/item/" + enc("'\"<x>") + "/files/1"),
        handler.send("POST", task + "/files/abc/public?public=true", null, null),
        handler.upload(task + "/files?public=maybe", "image/jpeg", jpeg(Color.RED)),
        handler.upload(task + "/files?name=" + enc("a\r\nSet-Cookie: x=1.jpg"), "image/jpeg", jpeg(Color.RED)),
        handler.upload(BASE + "/task/" + enc("' or 1=1") + "/files?name=a.jpg", "image/jpeg", jpeg(Color.RED)),
        handler.get("/camunda/api/cockpit/plugin/shuoshiOverdue/default/names?of="
            + enc("x".repeat(70)) + "&of=&of=" + enc("%_")));
    for (Caller.Answer answer : answers) {
      assertThat(answer.status()).as(answer.toString()).isLessThan(500);
      assertThat(answer.body()).doesNotContain("Exception", "at cn.", "at org.");
      assertThat(answer.all("Set-Cookie")).noneMatch(c -> c.startsWith("x="));
    }
  }

  long count(String number) {
    return jdbc.queryForObject("select count(*) from matter_attachment a join matter m on m.id = a.matter_id "
        + "where m.matter_number = ?", Long.class, number);
  }

  boolean isPublic(long id) {
    return jdbc.queryForObject("select is_public from matter_attachment where id = ?", Boolean.class, id);
  }

  Caller loggedIn(String user) {
    Caller browser = Caller.browser(port, "default");
    assertThat(browser.logIn("default", "tasklist", user, TestOrganisation.password(user)).status()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);
    return browser;
  }
}
