package cn.shuoshi.notify;

import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/matters/{number}/urge}: a supervisor's manual 催办. For the supervisors of the item's town
 * ({@code <town>_supervisor}) and its county's centre only; anybody else is refused (403, nothing written).
 * One transaction writes the ledger line ({@code URGED}, by the supervisor, with their note) and tells every
 * handler of the item's open unit handlings by every channel that is on ({@link StaffNotices#urged}).
 *
 * <p>Twice within {@value #WINDOW_SECONDS} seconds is once: the second answer says so and writes nothing (a
 * double click, a retried request). Two urges at the very same moment may both write a ledger line; their
 * messages are still one per recipient and channel (the idempotency key holds the minute).
 */
@RestController
@RequestMapping("/api/matters")
@Tag(name = "催办", description = "督办人员对事项的人工催办")
@SecurityRequirement(name = "basicAuth")
public class UrgeController {

  static final int WINDOW_SECONDS = 60;

  /** What the supervisor may add to the ledger line (not sent: the messages carry the item's facts only). */
  public record UrgeRequest(String note) {}

  private final LedgerRepository ledger;
  private final StaffNotices notices;
  private final Org org;
  private final IdentityService identity;
  private final EngineClock clock;
  private final JdbcTemplate jdbc;

  public UrgeController(LedgerRepository ledger, StaffNotices notices, Org org, IdentityService identity,
      EngineClock clock, JdbcTemplate jdbc) {
    this.ledger = ledger;
    this.notices = notices;
    this.org = org;
    this.identity = identity;
    this.clock = clock;
    this.jdbc = jdbc;
  }

  @Operation(summary = "催办事项", description = "督办人员催办事项：记入台账，并通过已开启的全部渠道（站内信、邮件、"
      + "单位工作群机器人）通知办理人。仅限事项所在镇的督办人员和县民情处理中心；一分钟内重复催办只发送一次。")
  @PostMapping("/{number}/urge")
  public ResponseEntity<?> urge(@PathVariable String number, @RequestBody(required = false) UrgeRequest request) {
    Authentication caller = identity.getCurrentAuthentication();
    // Who holds no supervisor's post anywhere is refused before the number is looked up: a village cadre
    // must not learn from 404 against 403 which numbers exist.
    if (caller == null || caller.getUserId() == null || org.postsOf(caller.getUserId()).stream()
        .noneMatch(p -> p.role() == Role.SUPERVISOR || p.role() == Role.CENTRE)) {
      return refused();
    }
    Optional<LedgerEntry> found = ledger.findByNumber(number);
    if (found.isEmpty()) {
      return ApiProblems.notFound("没有编号为“" + number + "”的事项");
    }
    LedgerEntry item = found.get();
    if (!supervises(caller.getUserId(), item)) {
      return refused();
    }
    if (item.closedAt() != null) {
      return ApiProblems.of(HttpStatus.CONFLICT, "urn:shuoshi:problem:closed", "事项已办结", "事项已办结，无需催办");
    }
    if (!notices.hasHandler(item)) {
      return ApiProblems.of(HttpStatus.CONFLICT, "urn:shuoshi:problem:no-handler", "没有办理中的任务",
          "事项当前没有承办单位正在办理的任务，无法催办");
    }
    String note = request == null || request.note() == null ? null : request.note().strip();
    if (note != null && note.length() > 500) {
      return ApiProblems.invalid(Map.of("note", "催办说明不能超过 500 字"));
    }
    Instant now = clock.now();
    // One engine command on one transaction: the ledger line and the messages, or neither.
    Map<String, Object> answer = notices.privileged(() -> {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("number", number);
      if (urgedSince(item, now.minus(Duration.ofSeconds(WINDOW_SECONDS)))) {
        result.put("urged", false);
        result.put("message", "一分钟内已催办过此事项，未重复发送");
        return result;
      }
      ledger.appendEvent(new LedgerKey(number, item.processInstanceId()),
          LedgerEvent.of(LedgerEvent.Kind.URGED, note == null || note.isEmpty() ? "督办人员催办" : "督办人员催办：" + note)
              .by(caller.getUserId()), now);
      int told = notices.urged(item, "M" + now.getEpochSecond() / WINDOW_SECONDS);
      result.put("urged", true);
      result.put("messages", told);
      // Without any channel switched on the urge is on the ledger only: say so, not "told".
      result.put("message", told > 0 ? "已催办，已通知办理人" : "已催办并记入台账；未开启任何通知渠道，办理人未收到消息");
      return result;
    });
    return ResponseEntity.ok(answer);
  }

  private static ResponseEntity<?> refused() {
    return ApiProblems.of(HttpStatus.FORBIDDEN, ApiProblems.FORBIDDEN, "无权催办",
        "只有事项所在镇的督办人员和县民情处理中心可以催办此事项");
  }

  private boolean urgedSince(LedgerEntry item, Instant since) {
    Integer count = jdbc.queryForObject("select count(*) from matter_event where matter_id = ? and kind = ? "
        + "and occurred_at >= ?", Integer.class, item.id(), LedgerEvent.Kind.URGED.name(),
        OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    return count != null && count > 0;
  }

  /** A supervisor of the item's town, or of its county's centre. */
  private boolean supervises(String userId, LedgerEntry item) {
    String town = item.townCode();
    String county = town == null ? null : org.unit(town).map(Org.Unit::parentCode).orElse(null);
    return org.postsOf(userId).stream().anyMatch(p ->
        (p.role() == Role.SUPERVISOR && p.unitCode().equals(town))
            || (p.role() == Role.CENTRE && p.unitCode().equals(county)));
  }
}
