package cn.shuoshi.clock;

import cn.shuoshi.api.AdministratorsOnly;
import cn.shuoshi.api.ApiProblems;
import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.audit.Door;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/calendar}: the working-day calendar, one year at a time. Every logged-in user reads it;
 * administrators ({@code camunda-admin}) replace a year when the State Council publishes it or corrects
 * it. A change applies to the next deadline computed, on every node, without a restart; deadlines
 * already computed keep their date.
 */
@RestController
@RequestMapping("/api/calendar")
@Tag(name = "工作日历", description = "国务院公布的法定节假日和调休上班日，按年录入；办理期限按此计算工作日")
@SecurityRequirement(name = "basicAuth")
public class CalendarController {

  /** A year as an administrator writes it and as it is answered. */
  @Schema(description = "一年的节假日安排。日期写作 2027-01-01，连续几天写作 2027-02-05..2027-02-13")
  public record Schedule(
      @Schema(description = "放假的日期（含放假的周末）", example = "[\"2027-01-01\", \"2027-02-05..2027-02-13\"]")
      List<String> holidays,
      @Schema(description = "调休上班的周六、周日", example = "[\"2027-02-14\"]")
      List<String> workdays) {}

  /** A stored year with who changed it last. */
  public record Year(int year, List<String> holidays, List<String> workdays, String source,
      OffsetDateTime updatedAt, String updatedBy) {}

  /** One recorded change of a year. */
  public record Change(OffsetDateTime at, String actor, String door, String doorLabel, String source,
      String holidaysBefore, String workdaysBefore, String holidaysAfter, String workdaysAfter) {}

  private final CalendarStore store;
  private final CalendarStatus status;
  private final AdministratorsOnly administrators;
  private final EngineClock clock;

  public CalendarController(CalendarStore store, CalendarStatus status, AdministratorsOnly administrators,
      EngineClock clock) {
    this.store = store;
    this.status = status;
    this.administrators = administrators;
    this.clock = clock;
  }

  @Operation(summary = "工作日历是否齐全",
      description = "今年的安排，以及自11月1日（北京时间）起明年的安排是否已录入；warning 为 true 时 message 说明缺少哪一年。")
  @GetMapping("/status")
  public CalendarStatus.Status status() {
    return status.now();
  }

  @Operation(summary = "某年的节假日安排", description = "尚未录入的年份答 404：这一年只按周六、周日休息计算。")
  @GetMapping("/{year}")
  public ResponseEntity<?> year(@Parameter(description = "年份，如 2027") @PathVariable int year) {
    return store.find(year).<ResponseEntity<?>>map(stored -> ResponseEntity.ok(answer(stored)))
        .orElseGet(() -> ApiProblems.notFound(year + "年的节假日安排尚未录入工作日历"));
  }

  @Operation(summary = "录入或更正某年的节假日安排（仅系统管理员）",
      description = "整年替换：未列出的日期不再是节假日或调休上班日。每个日期须在该年内；调休上班日须为周六或周日；"
          + "一天不能既放假又上班；同一天不应重复列出。有误时答 400 并逐项说明，什么也不保存。"
          + "保存后，新计算的办理期限立即按新安排计算（各节点均是，无需重启）；已算出的期限不变。每次更改均留记录。")
  @PutMapping("/{year}")
  public Year replace(@Parameter(description = "年份，如 2027") @PathVariable int year, @RequestBody Schedule body) {
    String administrator = administrators.require("只有系统管理员可以修改工作日历");
    if (body == null) {
      throw InvalidRequestException.of("body", "请求内容应为一个 JSON 对象，含 holidays 和 workdays");
    }
    YearSchedule schedule = YearSchedule.parse(year, body.holidays(), body.workdays());
    return answer(store.replace(schedule, administrator, Door.current(), CalendarStore.Source.ADMIN, clock.now()));
  }

  @Operation(summary = "某年工作日历的修改记录（仅系统管理员）", description = "每次录入或更正：谁、何时、经由哪个入口、改前改后的全部日期。")
  @GetMapping("/{year}/changes")
  public List<Change> changes(@Parameter(description = "年份，如 2027") @PathVariable int year) {
    administrators.require("只有系统管理员可以查看工作日历的修改记录");
    return store.changes(year).stream().map(c -> new Change(c.at().atZoneSameInstant(EngineClock.BEIJING)
        .toOffsetDateTime(), c.actor(), c.door().name(), c.door().label(), c.source().name(), c.holidaysBefore(),
        c.workdaysBefore(), c.holidaysAfter(), c.workdaysAfter())).toList();
  }


  private static Year answer(CalendarStore.Stored stored) {
    YearSchedule schedule = stored.schedule();
    return new Year(schedule.year(), schedule.holidayEntries(), schedule.workdayEntries(), stored.source().name(),
        stored.changedAt().atZoneSameInstant(EngineClock.BEIJING).toOffsetDateTime(), stored.changedBy());
  }
}
