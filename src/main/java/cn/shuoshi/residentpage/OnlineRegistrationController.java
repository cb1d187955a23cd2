package cn.shuoshi.residentpage;

import static cn.shuoshi.api.HtmlPage.text;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.forms.FieldRule;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.MatterForms;
import cn.shuoshi.matter.MatterProcess;
import cn.shuoshi.resident.ResidentTexts;
import cn.shuoshi.settings.ShuoshiSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Online registration by the resident, {@code /r/new?village=<code>} (no login; README "The resident's
 * page"): name, mobile phone, title, what happened, type and field, 要求保密 and 不接收短信. The item starts
 * through the engine's registration form as the resident ({@link AsResident}): the form's checks and
 * {@code MatterSubmissionRules} (channel ONLINE, never answered on the spot) apply as to any registration,
 * the ledger, the private link and the text message are written by the registration step itself. The
 * answer shows the item's number and the private link.
 *
 * <p>Against floods: the page's per-minute limit ({@link RequestLimits}), a sealed form that must come back
 * unaltered and not faster than {@code shuoshi.resident.shortest-form-time}, a field a person never sees
 * (filled: a robot), and per day at most {@code registrations-per-ip-per-day} items per client address and
 * {@code registrations-per-phone-per-day} per phone ({@link OnlineIntakes}). A refusal leaves nothing: the
 * engine's start, the ledger, the link, the message and the count are one transaction.
 */
@RestController
@RequestMapping("/r")
public class OnlineRegistrationController {

  /** The field a person never sees (hidden by the page's style): a robot fills it. */
  static final String HONEYPOT = "website";
  static final String SEAL = "form";

  private final Org org;
  private final OnlineIntakes intakes;
  private final RequestLimits limits;
  private final AsResident resident;
  private final RepositoryService repository;
  private final LedgerRepository ledger;
  private final FormSchemaRegistry forms;
  private final TransactionTemplate transaction;
  private final EngineClock clock;
  private final ShuoshiSettings.Resident settings;

  public OnlineRegistrationController(Org org, OnlineIntakes intakes, RequestLimits limits, AsResident resident,
      RepositoryService repository, LedgerRepository ledger, FormSchemaRegistry forms,
      TransactionTemplate transaction, EngineClock clock, ShuoshiSettings settings) {
    this.org = org;
    this.intakes = intakes;
    this.limits = limits;
    this.resident = resident;
    this.repository = repository;
    this.ledger = ledger;
    this.forms = forms;
    this.transaction = transaction;
    this.clock = clock;
    this.settings = settings.resident();
  }

  @GetMapping(value = "/new", produces = "text/html")
  public ResponseEntity<String> form(@RequestParam(required = false) String village, HttpServletRequest request) {
    if (!limits.allow("ip:" + request.getRemoteAddr())) {
      return ResidentPages.tooMany();
    }
    if (!open(village)) {
      return villageNotFound();
    }
    return form(HttpStatus.OK, village, Map.of(), Map.of(), null);
  }

  @PostMapping(value = "/new", produces = "text/html")
  public ResponseEntity<String> register(@RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request) {
    String address = request.getRemoteAddr();
    if (!limits.allow("ip:" + address)) {
      return ResidentPages.tooMany();
    }
    Map<String, String> typed = new HashMap<>();
    params.forEach((name, values) -> typed.put(name, values == null || values.isEmpty() ? null : values.get(0)));
    String village = typed.get("village");
    if (!open(village)) {
      return villageNotFound();
    }
    if (typed.get(HONEYPOT) != null && !typed.get(HONEYPOT).isBlank()) {
      return ResidentPages.refused(HttpStatus.BAD_REQUEST, "未能登记", "提交的内容未通过校验，请重新打开本页面填写。");
    }
    Instant now = clock.now();
    Instant sealed = intakes.unseal(typed.get(SEAL), village);
    if (sealed == null || Duration.between(sealed, now).compareTo(Duration.ofDays(1)) > 0) {
      return form(HttpStatus.BAD_REQUEST, village, typed, Map.of(), "表单已失效，请核对后重新提交。");
    }
    if (!OnlineIntakes.humanTime(sealed, now, settings.shortestFormTime())) {
      return form(HttpStatus.BAD_REQUEST, village, typed, Map.of(), "提交过快，请确认填写的内容后再提交。");
    }

    String name = strip(typed.get(REPORTER_NAME));
    String phone = strip(typed.get(REPORTER_PHONE));
    String title = strip(typed.get(TITLE));
    String description = strip(typed.get(DESCRIPTION));
    String type = strip(typed.get(MATTER_TYPE));
    String subject = strip(typed.get(SUBJECT));
    Map<String, String> errors = new LinkedHashMap<>();
    if (name == null) {
      errors.put(REPORTER_NAME, "请填写您的姓名");
    } else if (name.length() > 50) {
      errors.put(REPORTER_NAME, "姓名请不超过50个字");
    }
    if (phone == null) {
      errors.put(REPORTER_PHONE, "请填写您的手机号码");
    } else if (!ResidentTexts.isMobile(phone) || phone.replaceAll("[\\s-]", "").length() > 14) {
      errors.put(REPORTER_PHONE, "手机号码应为11位数字，以1开头");
    }
    if (title == null) {
      errors.put(TITLE, "请用一句话写明反映的事项");
    } else if (title.length() > 100) {
      errors.put(TITLE, "事项标题请不超过100个字");
    }
    if (description == null) {
      errors.put(DESCRIPTION, "请写明具体情况");
    } else if (description.length() > 2000) {
      errors.put(DESCRIPTION, "具体情况请不超过2000个字");
    }
    if (type == null || !options(MATTER_TYPE).containsKey(type)) {
      errors.put(MATTER_TYPE, "请选择事项类型");
    }
    if (subject == null || !options(SUBJECT).containsKey(subject)) {
      errors.put(SUBJECT, "请选择所属领域");
    }
    if (!errors.isEmpty()) {
      return form(HttpStatus.BAD_REQUEST, village, typed, errors, null);
    }
    String mobile = phone.replaceAll("[\\s-]", "").replaceFirst("^\\+?86", "");
    Instant dayAgo = now.minus(Duration.ofDays(1));
    if (intakes.byAddressSince(address, dayAgo) >= settings.registrationsPerIpPerDay()
        || intakes.byPhoneSince(mobile, dayAgo) >= settings.registrationsPerPhonePerDay()) {
      return ResidentPages.refused(HttpStatus.TOO_MANY_REQUESTS, "今日在线登记已达上限",
          "同一网络或同一手机号码每天在线登记的事项有数量上限，今天已经用完。请明天再登记，或直接向村（社区）干部反映。");
    }

    Map<String, Object> values = new HashMap<>();
    values.put(VILLAGE_CODE, village);
    values.put(CHANNEL, "ONLINE");
    values.put(REPORTER_NAME, name);
    values.put(REPORTER_PHONE, mobile);
    values.put(CONFIDENTIAL, typed.get(CONFIDENTIAL) != null);
    values.put(SMS_REFUSED, typed.get(SMS_REFUSED) != null);
    values.put(TITLE, title);
    values.put(DESCRIPTION, description);
    values.put(MATTER_TYPE, type);
    values.put(SUBJECT, subject);
    values.put(ANSWERED_ON_SPOT, false);
    String[] number = new String[1];
    String token;
    try {
      token = transaction.execute(status -> ResidentTexts.capturingToken(() -> {
        ProcessInstance item = resident.submitStartForm(definitionId(), values);
        number[0] = ledger.findByProcessInstance(item.getId()).orElseThrow(
            () -> new IllegalStateException("item " + item.getId() + " did not reach the ledger")).matterNumber();
        intakes.record(address, mobile, number[0], now);
      }));
    } catch (InvalidSubmissionException e) {
      return form(HttpStatus.BAD_REQUEST, village, typed, e.getFieldErrors(), null);
    }
    return registered(number[0], title, token, typed.get(SMS_REFUSED) != null);
  }

  private ResponseEntity<String> registered(String number, String title, String token, boolean refused) {
    StringBuilder b = new StringBuilder("<h1>已登记</h1>");
    b.append("<p class=\"ok\">您反映的事项已登记，村（社区）干部将按规定时限办理并向您反馈。</p>");
    b.append("<div class=\"box\"><dl><dt>事项编号</dt><dd id=\"number\">").append(text(number)).append("</dd>")
        .append("<dt>事项</dt><dd>").append(text(title)).append("</dd></dl></div>");
    if (token != null) {
      b.append("<div class=\"box\"><h2>您的专属查看链接</h2><p>请收藏或记下这个链接，凭它查看办理进展、评价办理结果：</p>")
          .append("<p class=\"link\"><a id=\"link\" href=\"").append(text(token)).append("\">")
          .append(text(settings.publicUrl() + "/r/" + token)).append("</a></p>")
          .append(refused ? "<p class=\"when\">您选择了不接收短信，链接只在本页显示一次，请妥善保存。</p>"
              : "<p class=\"when\">开通短信通知后，编号和链接也会以短信发到您的手机。</p>")
          .append("<p class=\"when\">链接仅供本人使用，请勿转发：持有链接的人可以查看并评价本事项。</p></div>");
    }
    return ResidentPages.page(HttpStatus.OK, "已登记 " + number, b.toString());
  }

  private ResponseEntity<String> form(HttpStatus status, String village, Map<String, String> typed,
      Map<String, String> errors, String problem) {
    StringBuilder b = new StringBuilder("<h1>在线反映事项</h1>");
    b.append("<p>").append(text(org.villageName(village)))
        .append("的村民、居民可在这里反映问题、提出诉求或建议。登记后您会得到事项编号和专属查看链接。</p>");
    if (problem != null) {
      b.append("<p class=\"err\">").append(text(problem)).append("</p>");
    }
    if (!errors.isEmpty()) {
      b.append("<div class=\"box err\" id=\"errors\"><h2>请修改以下内容</h2><ul>");
      errors.values().forEach(e -> b.append("<li>").append(text(e)).append("</li>"));
      b.append("</ul></div>");
    }
    b.append("<form method=\"post\" action=\"new\" accept-charset=\"UTF-8\">")
        .append(hidden("village", village))
        .append(hidden(SEAL, intakes.seal(village, clock.now())))
        .append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">请勿填写此项</label>")
        .append("<input type=\"text\" id=\"website\" name=\"").append(HONEYPOT)
        .append("\" tabindex=\"-1\" autocomplete=\"off\"></div>");
    b.append(input(REPORTER_NAME, "您的姓名", "text", 50, typed, errors, "autocomplete=\"name\""));
    b.append(input(REPORTER_PHONE, "手机号码", "tel", 20, typed, errors, "autocomplete=\"tel\" inputmode=\"tel\""));
    b.append(input(TITLE, "反映的事项（一句话）", "text", 100, typed, errors, ""));
    b.append(label(DESCRIPTION, "具体情况", errors))
        .append("<textarea id=\"").append(DESCRIPTION).append("\" name=\"").append(DESCRIPTION)
        .append("\" rows=\"6\" maxlength=\"2000\" required>").append(text(typed.get(DESCRIPTION))).append("</textarea>");
    b.append("<fieldset><legend>").append(text(label(MATTER_TYPE))).append("</legend>");
    String chosenType = typed.getOrDefault(MATTER_TYPE, null);
    options(MATTER_TYPE).forEach((value, words) -> b.append("<label class=\"choice\"><input type=\"radio\" name=\"")
        .append(MATTER_TYPE).append("\" value=\"").append(text(value)).append("\"")
        .append(value.equals(chosenType) ? " checked" : "").append(" required> ").append(text(words)).append("</label>"));
    b.append("</fieldset>");
    b.append(label(SUBJECT, label(SUBJECT), errors)).append("<select id=\"").append(SUBJECT).append("\" name=\"")
        .append(SUBJECT).append("\" required><option value=\"\">请选择</option>");
    options(SUBJECT).forEach((value, words) -> b.append("<option value=\"").append(text(value)).append("\"")
        .append(value.equals(typed.get(SUBJECT)) ? " selected" : "").append(">").append(text(words)).append("</option>"));
    b.append("</select>");
    b.append(checkbox(CONFIDENTIAL, "要求保密（姓名、电话仅限经办人和督办人员查看）", typed));
    b.append(checkbox(SMS_REFUSED, "不接收短信（不发送事项编号和查看链接，链接只在登记后显示一次）", typed));
    b.append("<button type=\"submit\">提交</button></form>");
    b.append("<p class=\"when\">您的姓名和电话只用于办理和回访本事项，不会公开。情况紧急请直接拨打村（社区）干部电话或110。</p>");
    return ResidentPages.page(status, "在线反映事项", b.toString());
  }

  private Map<String, String> options(String field) {
    return forms.find(MatterForms.REGISTER).flatMap(f -> f.field(field)).map(FieldRule::optionLabels)
        .orElse(Map.of());
  }

  private String label(String field) {
    return forms.find(MatterForms.REGISTER).flatMap(f -> f.field(field)).map(FieldRule::label).orElse(field);
  }

  private static String label(String field, String words, Map<String, String> errors) {
    String error = errors.get(field);
    return "<label for=\"" + field + "\">" + text(words) + "</label>"
        + (error == null ? "" : "<p class=\"err\">" + text(error) + "</p>");
  }

  private static String input(String field, String words, String type, int max, Map<String, String> typed,
      Map<String, String> errors, String extra) {
    return label(field, words, errors) + "<input type=\"" + type + "\" id=\"" + field + "\" name=\"" + field
        + "\" maxlength=\"" + max + "\" required " + extra + " value=\"" + text(typed.get(field)) + "\">";
  }

  private static String checkbox(String field, String words, Map<String, String> typed) {
    return "<label class=\"choice\"><input type=\"checkbox\" id=\"" + field + "\" name=\"" + field + "\" value=\"true\""
        + (typed.get(field) != null ? " checked" : "") + "> " + text(words) + "</label>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + text(value) + "\">";
  }

  private boolean open(String village) {
    return village != null && village.length() <= 64 && org.village(village).isPresent() && !org.isRetired(village);
  }

  private static ResponseEntity<String> villageNotFound() {
    return ResidentPages.refused(HttpStatus.NOT_FOUND, "页面不存在",
        "没有这个村（社区），或该村（社区）已撤销。请核对村（社区）公布的登记地址，或直接向村（社区）干部反映。");
  }

  private String definitionId() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(MatterProcess.KEY).latestVersion()
        .singleResult().getId();
  }

  private static String strip(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
