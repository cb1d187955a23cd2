package cn.shuoshi.notify;

import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.clock.EngineClock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notices}: the caller's own notices (站内信) and how many are unread; {@code POST
 * /api/notices/{id}/read} marks one read and answers where it leads. Only the owner: another cadre's
 * notice is answered 404 like one that does not exist. (The Tasklist reads the same through its plugin,
 * {@code notify.tasklist}.)
 */
@RestController
@RequestMapping("/api/notices")
@Tag(name = "站内信", description = "干部本人的消息")
@SecurityRequirement(name = "basicAuth")
public class NoticeController {

  static final int LIMIT = 100;

  private final CadreNotices notices;
  private final IdentityService identity;
  private final EngineClock clock;

  public NoticeController(CadreNotices notices, IdentityService identity, EngineClock clock) {
    this.notices = notices;
    this.identity = identity;
    this.clock = clock;
  }

  @Operation(summary = "我的消息", description = "本人最近的消息（最多 100 条）和未读数")
  @GetMapping
  public ResponseEntity<?> mine() {
    String user = caller();
    if (user == null) {
      return ApiProblems.of(HttpStatus.UNAUTHORIZED, ApiProblems.FORBIDDEN, "未登录", "请先登录");
    }
    return ResponseEntity.ok(view(notices, user, LIMIT));
  }

  @Operation(summary = "标记消息已读", description = "本人的一条消息标记为已读，答复其链接的任务或事项")
  @PostMapping("/{id}/read")
  public ResponseEntity<?> read(@PathVariable long id) {
    String user = caller();
    if (user == null) {
      return ApiProblems.of(HttpStatus.UNAUTHORIZED, ApiProblems.FORBIDDEN, "未登录", "请先登录");
    }
    return notices.read(id, user, clock.now()).<ResponseEntity<?>>map(n -> ResponseEntity.ok(notice(n)))
        .orElseGet(() -> ApiProblems.notFound("没有这条消息"));
  }

  private String caller() {
    Authentication caller = identity.getCurrentAuthentication();
    return caller == null ? null : caller.getUserId();
  }

  /** The caller's notices and unread count, as the API and the Tasklist answer them. */
  public static Map<String, Object> view(CadreNotices notices, String user, int limit) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("unread", notices.unread(user));
    List<Map<String, Object>> list = notices.of(user, limit).stream().map(NoticeController::notice).toList();
    answer.put("notices", list);
    return answer;
  }

  public static Map<String, Object> notice(CadreNotices.Notice n) {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("id", n.id());
    notice.put("at", EngineClock.display(java.util.Date.from(n.createdAt().toInstant())));
    notice.put("kind", n.templateId());
    notice.put("text", n.text());
    notice.put("taskId", n.taskId());
    notice.put("matterNumber", n.matterNumber());
    notice.put("read", n.readAt() != null);
    return notice;
  }
}
