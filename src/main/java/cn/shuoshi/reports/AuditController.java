package cn.shuoshi.reports;

import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.audit.AuditTrail;
import cn.shuoshi.audit.Door;
import cn.shuoshi.audit.Origin;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/matters/{number}/audit}: everything that changed an item — every step on its ledger
 * and every operation a user made on its processes — with who, when, what and through which door.
 * For the supervisors of the item's area (the town's {@code _supervisor} group, the county centre) and
 * administrators; there is no way to change or delete it.
 */
@RestController
@RequestMapping("/api/matters")
@Tag(name = "审计记录", description = "事项的全部变更：谁、何时、做了什么、经由哪个入口")
@SecurityRequirement(name = "basicAuth")
public class AuditController {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** One line of an item's audit trail. */
  public record Entry(OffsetDateTime at, String actor, String actorName, String door, String doorLabel,
      String source, String what, String detail) {}

  private final JdbcTemplate jdbc;
  private final AuditTrail trail;
  private final Org org;
  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engine;

  public AuditController(JdbcTemplate jdbc, AuditTrail trail, Org org, IdentityService identity,
      ProcessEngineConfigurationImpl engine) {
    this.jdbc = jdbc;
    this.trail = trail;
    this.org = org;
    this.identity = identity;
    this.engine = engine;
  }

  @Operation(summary = "事项审计记录", description = "事项的台账步骤和对其流程的全部操作（谁、何时、什么、经由哪个入口）。"
      + "仅限事项所在镇的纪委和党建办督办人员、县民情处理中心和系统管理员查看。")
  @GetMapping("/{number}/audit")
  public ResponseEntity<?> audit(@PathVariable String number) {
    // Column maps of JdbcTemplate are case-insensitive: H2 and PostgreSQL alike.
    Optional<Map<String, Object>> item = jdbc.queryForList(
        "select id, process_instance_id, town_code from matter where matter_number = ?", number).stream().findFirst();
    if (item.isEmpty()) {
      return ApiProblems.notFound("没有编号为“" + number + "”的事项");
    }
    String town = (String) item.get().get("TOWN_CODE");
    if (!maySee(town)) {
      return ApiProblems.of(HttpStatus.FORBIDDEN, ApiProblems.FORBIDDEN, "无权访问",
          "只有事项所在镇的督办人员、县民情处理中心和系统管理员可以查看审计记录");
    }
    List<Entry> entries = new ArrayList<>();
    jdbc.query("select occurred_at, actor, door, kind, note from matter_event where matter_id = ? order by id",
        rs -> {
          entries.add(entry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), "台账",
              rs.getString(4), rs.getString(5)));
        }, item.get().get("ID"));
    for (AuditTrail.Line line : trail.ofItem((String) item.get().get("PROCESS_INSTANCE_ID"))) {
      String detail = line.property() == null ? null
          : line.property() + "：" + (line.oldValue() == null ? "" : line.oldValue() + " → ")
              + (line.newValue() == null ? "" : line.newValue());
      entries.add(entry(line.at(), line.actor(), line.door().name(), "流程操作",
          line.operation() + (line.entity() == null ? "" : "（" + line.entity() + "）"), detail));
    }
    entries.sort(Comparator.comparing(Entry::at));
    return ResponseEntity.ok(Map.of("number", number, "entries", entries));
  }

  private Entry entry(OffsetDateTime at, String actor, String door, String source, String what, String detail) {
    String name = Origin.SYSTEM.equals(actor) ? "系统" : org.cadreName(actor).orElse(actor);
    String doorLabel = door == null ? "—" : Door.valueOf(door).label();
    return new Entry(at.atZoneSameInstant(BEIJING).toOffsetDateTime(), actor, name, door, doorLabel, source, what,
        detail);
  }

  private boolean maySee(String town) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return false;
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (groups.stream().anyMatch(g -> engine.getAdminGroups().contains(g))) {
      return true;
    }
    String county = org.unit(town).map(Org.Unit::parentCode).orElse(null);
    return org.postsOf(caller.getUserId()).stream().anyMatch(p ->
        (p.role() == Role.SUPERVISOR && p.unitCode().equals(town))
            || (p.role() == Role.CENTRE && p.unitCode().equals(county)));
  }
}
