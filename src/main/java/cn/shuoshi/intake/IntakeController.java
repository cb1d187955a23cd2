package cn.shuoshi.intake;

import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.reports.LedgerAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/matters}: items raised through another system (hotline, online platform) or a cadre's app. */
@RestController
@RequestMapping("/api/matters")
@Tag(name = "事项受理", description = "登记群众反映的事项，查询办理状态")
@SecurityRequirement(name = "basicAuth")
public class IntakeController {

  /** The request body, for the OpenAPI description only: the body is read as a map to name every bad field. */
  @Schema(name = "MatterIntakeRequest", description = "登记一个事项")
  record IntakeRequestDoc(
      @Schema(description = "村（社区）代码", example = "LS01", requiredMode = Schema.RequiredMode.REQUIRED) String villageCode,
      @Schema(description = "反映渠道", allowableValues = {"MEETING", "VISIT", "WALK_IN", "PHONE", "PROXY", "ONLINE"},
          requiredMode = Schema.RequiredMode.REQUIRED) String channel,
      @Schema(description = "反映人姓名，不超过50字", requiredMode = Schema.RequiredMode.REQUIRED) String reporterName,
      @Schema(description = "联系电话：11位手机号或区号加号码", example = "13912345678") String reporterPhone,
      @Schema(description = "村民小组，不超过50字") String reporterGroup,
      @Schema(description = "是否要求保密", defaultValue = "false") Boolean confidential,
      @Schema(description = "事项类型", allowableValues = {"PROBLEM", "REQUEST", "PETITION", "SUGGESTION"},
          requiredMode = Schema.RequiredMode.REQUIRED) String type,
      @Schema(description = "所属领域（分类交办表单的选项）", example = "INFRASTRUCTURE",
          allowableValues = {"INDUSTRY", "LIVELIHOOD", "GOVERNANCE", "INFRASTRUCTURE", "CADRE_CONDUCT", "DISPUTE",
              "POLICY", "AGENCY_SERVICE"}, requiredMode = Schema.RequiredMode.REQUIRED) String subject,
      @Schema(description = "事项标题，不超过100字", requiredMode = Schema.RequiredMode.REQUIRED) String title,
      @Schema(description = "具体情况，不超过2000字", requiredMode = Schema.RequiredMode.REQUIRED) String description) {}

  @Schema(name = "MatterRegistered")
  record Registered(@Schema(description = "事项编号") String number, MatterStatus status) {}

  private final MatterIntake intake;
  private final LedgerRepository ledger;
  private final IdentityService identity;
  private final LedgerAccess access;

  public IntakeController(MatterIntake intake, LedgerRepository ledger, IdentityService identity, LedgerAccess access) {
    this.intake = intake;
    this.ledger = ledger;
    this.identity = identity;
    this.access = access;
  }

  @Operation(summary = "登记事项",
      description = "以登录账号（HTTP Basic）为登记人启动“群众说事事项办理”流程，校验与任务列表的登记表单相同。"
          + "重试时请原样重发同一个 Idempotency-Key，不会重复登记。",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(schema = @Schema(implementation = IntakeRequestDoc.class))),
      responses = {
          @ApiResponse(responseCode = "201", description = "已登记（重试时返回同一事项）",
              content = @Content(schema = @Schema(implementation = Registered.class))),
          @ApiResponse(responseCode = "400", description = "内容未通过校验，errors 逐项列出字段和原因",
              content = @Content(mediaType = "application/problem+json")),
          @ApiResponse(responseCode = "401", description = "未登录"),
          @ApiResponse(responseCode = "422", description = "Idempotency-Key 已用于内容不同的请求",
              content = @Content(mediaType = "application/problem+json"))})
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> register(
      @Parameter(in = ParameterIn.HEADER, required = true, description = "每个新事项一个唯一值（如 UUID），重试时不变")
      @RequestHeader(name = MatterIntake.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody Map<String, Object> body) {
    Authentication caller = identity.getCurrentAuthentication();
    MatterIntake.Result result = intake.register(caller.getUserId(), idempotencyKey, body);
    if (result instanceof MatterIntake.Registered r) {
      return ResponseEntity.created(URI.create("/api/matters/" + r.matterNumber()))
          .header("Idempotent-Replayed", String.valueOf(r.replayed()))
          .body(new Registered(r.matterNumber(), MatterStatus.of(ledger.findByNumber(r.matterNumber()).orElseThrow())));
    }
    if (result instanceof MatterIntake.Refused r) {
      return ApiProblems.invalid(r.errors());
    }
    return ApiProblems.of(HttpStatus.UNPROCESSABLE_ENTITY, ApiProblems.IDEMPOTENCY_KEY_REUSED,
        "Idempotency-Key 已被使用", "该 Idempotency-Key 已用于一份内容不同的登记请求；新事项请使用新的 Idempotency-Key");
  }

  @Operation(summary = "查询事项办理状态", description = "只返回状态、办理层级、期限和结果，不含任何个人信息。"
      + "信访和干部作风事项仅登记人、受理账号、所在镇和县的干部可查，其他人查询时视为不存在。",
      responses = {
          @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MatterStatus.class))),
          @ApiResponse(responseCode = "404", description = "没有该编号的事项",
              content = @Content(mediaType = "application/problem+json"))})
  @GetMapping("/{number}")
  public ResponseEntity<?> status(@PathVariable String number) {
    // A petition or a complaint the caller may not follow does not exist for them: same answer.
    return ledger.findByNumber(number).filter(e -> access.seesStatus(access.current(), e))
        .<ResponseEntity<?>>map(e -> ResponseEntity.ok(MatterStatus.of(e)))
        .orElseGet(() -> ApiProblems.notFound("没有编号为“" + number + "”的事项"));
  }
}
