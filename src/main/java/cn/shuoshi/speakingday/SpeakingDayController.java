package cn.shuoshi.speakingday;

import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.directory.Org;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/speaking-days}: each village's speaking day, set by its own or its town's cadres. */
@RestController
@RequestMapping("/api/speaking-days")
@Tag(name = "说事日", description = "各村（社区）每月固定说事日")
@SecurityRequirement(name = "basicAuth")
public class SpeakingDayController {

  public record Day(Integer dayOfMonth) {}

  private final SpeakingDaySchedule schedule;
  private final Org org;
  private final IdentityService identity;

  public SpeakingDayController(SpeakingDaySchedule schedule, Org org, IdentityService identity) {
    this.schedule = schedule;
    this.org = org;
    this.identity = identity;
  }

  @Operation(summary = "各村说事日（每月几号）")
  @GetMapping
  public Map<String, Integer> days() {
    return schedule.days();
  }

  @Operation(summary = "设置某村的说事日", description = "1–31；大于当月天数时为当月最后一天。限本村、本镇干部。")
  @PutMapping("/{villageCode}")
  public ResponseEntity<?> set(@PathVariable String villageCode, @RequestBody Day day) {
    if (org.village(villageCode).isEmpty()) {
      throw InvalidRequestException.of("villageCode", "村（社区）“" + villageCode + "”不存在");
    }
    if (day.dayOfMonth() == null || day.dayOfMonth() < 1 || day.dayOfMonth() > 31) {
      throw InvalidRequestException.of("dayOfMonth", "“说事日”应为 1 到 31 之间的整数");
    }
    Authentication caller = identity.getCurrentAuthentication();
    if (!org.worksFor(caller.getUserId(), villageCode) && !caller.getGroupIds().contains("camunda-admin")) {
      return ApiProblems.of(HttpStatus.FORBIDDEN, "urn:shuoshi:problem:forbidden", "无权设置",
          "只有本村或本镇干部可以设置说事日");
    }
    schedule.setDay(villageCode, day.dayOfMonth());
    return ResponseEntity.ok(Map.of(villageCode, day.dayOfMonth()));
  }
}
