package cn.shuoshi.residentpage;

import static cn.shuoshi.api.HtmlPage.text;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.forms.FieldRule;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.reports.ItemStory;
import cn.shuoshi.reports.LedgerLabels;
import cn.shuoshi.resident.ResidentLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resident's page, {@code /r/{token}} (no login; README "The resident's page"): the item's number,
 * title, state, its story in units and posts (never a person's name or account), the result and how it
 * was fed back, and while the item waits for it, the rating form. A rating given here completes
 * {@code UserTask_ReviewSatisfaction} through the engine as the resident ({@link AsResident}).
 */
@RestController
@RequestMapping("/r")
public class ResidentPageController {

  static final Set<String> RATINGS = Set.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final Set<MatterState> RESULT_KNOWN = Set.of(MatterState.FEEDBACK, MatterState.REVIEWING,
      MatterState.SUPERVISOR_REVIEW, MatterState.CLOSED);

  private final ResidentLinks links;
  private final ResidentItems items;
  private final ItemStory story;
  private final TaskService tasks;
  private final AsResident resident;
  private final RequestLimits limits;
  private final FormSchemaRegistry forms;

  public ResidentPageController(ResidentLinks links, ResidentItems items, ItemStory story, TaskService tasks,
      AsResident resident, RequestLimits limits, FormSchemaRegistry forms) {
    this.links = links;
    this.items = items;
    this.story = story;
    this.tasks = tasks;
    this.resident = resident;
    this.limits = limits;
    this.forms = forms;
  }

  @GetMapping(value = "/{token}", produces = "text/html")
  public ResponseEntity<String> show(@PathVariable String token, HttpServletRequest request) {
    if (!within(token, request)) {
      return ResidentPages.tooMany();
    }
    return links.itemOf(token).flatMap(items::find).map(item -> page(token, item, null, null, null))
        .orElseGet(ResidentPages::notFound);
  }

  @PostMapping(value = "/{token}", produces = "text/html")
  public ResponseEntity<String> rate(@PathVariable String token, @RequestParam(required = false) String satisfaction,
      @RequestParam(required = false) String satisfactionNote, HttpServletRequest request) {
    if (!within(token, request)) {
      return ResidentPages.tooMany();
    }
    Optional<ResidentItems.Item> found = links.itemOf(token).flatMap(items::find);
    if (found.isEmpty()) {
      return ResidentPages.notFound();
    }
    ResidentItems.Item item = found.get();
    String note = satisfactionNote == null || satisfactionNote.isBlank() ? null : satisfactionNote.strip();
    String error = null;
    if (satisfaction == null || !RATINGS.contains(satisfaction)) {
      error = "请选择满意、基本满意或不满意";
    } else if ("DISSATISFIED".equals(satisfaction) && note == null) {
      error = "选择“不满意”时，请写明不满意的原因或意见";
    } else if (note != null && note.length() > 1000) {
      error = "意见请不超过1000字";
    }
    Optional<Task> waiting = ratingTask(item.number());
    if (error == null && waiting.isEmpty()) {
      error = "本事项目前不在评价阶段，无需评价";
    }
    if (error == null) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put(MatterProcess.Vars.SATISFACTION, satisfaction);
      values.put(MatterProcess.Vars.SATISFACTION_NOTE, note);
      try {
        resident.submitTaskForm(waiting.get().getId(), values);
        ResidentItems.Item rated = items.find(item.number()).orElse(item);
        return page(token, rated, "您的评价已记录：" + LedgerLabels.satisfaction(satisfaction) + "。谢谢！", null, null);
      } catch (InvalidSubmissionException e) {
        error = String.join("；", e.getFieldErrors().values());
      } catch (OptimisticLockingException e) {
        error = "评价已由他人同时记录，请刷新页面查看";
      } catch (ProcessEngineException e) {
        error = e.getMessage() != null && e.getMessage().matches(".*[\\u4e00-\\u9fa5].*") ? e.getMessage()
            : "评价未能记录，请稍后再试";
      }
    }
    return page(token, item, null, error, new String[] {satisfaction, note});
  }

  private boolean within(String token, HttpServletRequest request) {
    // A client cycling links is bounded by its address, a link by its own count. A link is counted only
    // for an address within its limit: else one client could fill the counts with made-up links.
    return limits.allow("ip:" + request.getRemoteAddr())
        && limits.allow("link:" + ResidentLinks.hash(token == null ? "" : token));
  }

  private Optional<Task> ratingTask(String number) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey(MatterProcess.Elements.REVIEW_SATISFACTION).list();
    return open.size() == 1 ? Optional.of(open.get(0)) : Optional.empty();
  }

  private ResponseEntity<String> page(String token, ResidentItems.Item item, String done, String error,
      String[] typed) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>事项办理进展</h1>");
    if (done != null) {
      b.append("<p class=\"ok\">").append(text(done)).append("</p>");
    }
    String state = item.state() == MatterState.CLOSED
        ? "已办结" + (item.outcome() == null ? "" : "（" + LedgerLabels.outcome(item.outcome()) + "）")
        : item.state().label();
    b.append("<div class=\"box\"><dl>")
        .append(row("事项编号", item.number())).append(row("事项", item.title()))
        .append(row("村（社区）", item.villageName())).append(row("当前状态", state))
        .append(row("登记时间", EngineClock.display(Date.from(item.registeredAt().toInstant()))));
    if (item.deadline() != null && item.state() != MatterState.CLOSED) {
      b.append(row("办理期限", item.deadline().atZoneSameInstant(EngineClock.BEIJING).format(DAY)));
    }
    if (item.satisfaction() != null) {
      b.append(row("评价", LedgerLabels.satisfaction(item.satisfaction())
          + ("RESIDENT".equals(item.satisfactionBy()) ? "（您本人评价）"
              : "CADRE".equals(item.satisfactionBy()) ? "（干部记录）" : "")));
    }
    b.append("</dl></div>");

    List<String> residents = item.reporterName() == null ? List.of() : List.of(item.reporterName());
    if (RESULT_KNOWN.contains(item.state()) && item.resultSummary() != null) {
      b.append("<div class=\"box\"><h2>办理结果</h2><dl>");
      if (item.outcome() != null) {
        b.append(row("结果", LedgerLabels.outcome(item.outcome())));
      }
      b.append(row("说明", ItemStory.withoutResidents(item.resultSummary(), residents)));
      if (item.feedbackMethod() != null) {
        b.append(row("反馈方式", feedbackWords(item.feedbackMethod())
            + (item.feedbackDate() == null ? "" : "，" + item.feedbackDate().format(DAY))));
        if (item.feedbackNote() != null) {
          b.append(row("反馈情况", ItemStory.withoutResidents(item.feedbackNote(), residents)));
        }
      }
      b.append("</dl></div>");
    }

    if (item.state() == MatterState.REVIEWING && ratingTask(item.number()).isPresent()) {
      b.append("<div class=\"box\" id=\"rating\"><h2>请您评价办理结果</h2>");
      if (error != null) {
        b.append("<p class=\"err\">").append(text(error)).append("</p>");
      }
      String chosen = typed == null ? null : typed[0];
      b.append("<form method=\"post\" action=\"").append(text(token)).append("\">");
      for (String[] option : new String[][] {{"SATISFIED", "满意"}, {"BASICALLY_SATISFIED", "基本满意"},
          {"DISSATISFIED", "不满意"}}) {
        b.append("<label class=\"choice\"><input type=\"radio\" name=\"satisfaction\" value=\"").append(option[0])
            .append("\"").append(option[0].equals(chosen) ? " checked" : "").append("> ").append(option[1])
            .append("</label>");
      }
      b.append("<label for=\"note\">您的意见（选择“不满意”时必填）</label>")
          .append("<textarea id=\"note\" name=\"satisfactionNote\" rows=\"4\" maxlength=\"1000\">")
          .append(text(typed == null ? null : typed[1])).append("</textarea>")
          .append("<button type=\"submit\">提交评价</button></form></div>");
    } else if (error != null) {
      b.append("<p class=\"err\">").append(text(error)).append("</p>");
    }

    b.append("<div class=\"box\"><h2>办理经过</h2><ol class=\"story\">");
    for (ItemStory.Line line : story.forResident(item.number())) {
      b.append("<li><span class=\"when\">").append(text(line.at())).append("　").append(text(line.actor()))
          .append("</span>").append(text(line.what()));
      if (line.decision() != null && !line.decision().isBlank()) {
        b.append("：").append(text(line.decision()));
      }
      b.append("</li>");
    }
    b.append("</ol></div>");
    b.append("<p class=\"when\">本页面为您的专属链接，请勿转发。对办理有疑问，可向村（社区）党组织或镇纪委、党建办反映。</p>");
    return ResidentPages.page(HttpStatus.OK, "事项办理进展 " + item.number(), b.toString());
  }

  private String feedbackWords(String method) {
    return forms.find("matter-feedback").flatMap(f -> f.field(MatterProcess.Vars.FEEDBACK_METHOD))
        .map(FieldRule::optionLabels).map(labels -> labels.getOrDefault(method, method)).orElse(method);
  }

  private static String row(String label, String value) {
    return "<dt>" + text(label) + "</dt><dd>" + text(value) + "</dd>";
  }
}
