package cn.shuoshi.steps;

import cn.shuoshi.audit.Door;
import cn.shuoshi.audit.Origin;

import static cn.shuoshi.matter.MatterProcess.Values.*;
import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.Org;
import cn.shuoshi.directory.SystemGroups;
import cn.shuoshi.forms.Submission;
import cn.shuoshi.forms.SubmissionRules;
import cn.shuoshi.ledger.Desk;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.MatterForms;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** What the forms of the {@code matter} process cannot say for themselves. */
@Component
public class MatterSubmissionRules implements SubmissionRules {

  private final Org org;
  private final EngineClock clock;
  private final LedgerRepository ledger;
  private final IdentityService identity;

  public MatterSubmissionRules(Org org, EngineClock clock, LedgerRepository ledger, IdentityService identity) {
    this.org = org;
    this.clock = clock;
    this.ledger = ledger;
    this.identity = identity;
  }

  @Override
  public void check(Submission s) {
    switch (s.formId()) {
      case MatterForms.REGISTER -> register(s);
      case MatterForms.CLASSIFY -> classify(s);
      case MatterForms.HANDLE -> handle(s);
      case MatterForms.VERIFY -> verify(s);
      case MatterForms.FEEDBACK -> feedback(s);
      case MatterForms.REVIEW -> {
        if (DISSATISFIED.equals(s.text(SATISFACTION))) {
          s.require(SATISFACTION_NOTE);
        }
      }
      case MatterForms.SIGN_FOR -> signFor(s);
      case MatterForms.COUNTY_DISPATCH -> dispatch(s);
      case MatterForms.RETURN_RULING -> ruling(s);
      case MatterForms.DELIBERATION -> notInFuture(s, MEETING_DATE);
      case MatterForms.PUBLICATION -> notInFuture(s, PUBLISHED_AT);
      default -> { }
    }
  }

  private void register(Submission s) {
    // The registering cadre is whoever is logged in, whatever a client claims.
    if (s.actor() != null) {
      s.set(REGISTERED_BY, s.actor());
    } else if (s.text(REGISTERED_BY) == null) {
      s.reject(REGISTERED_BY, "无法确定登记人，请先登录");
    }
    if (Origin.RESIDENT.equals(s.actor())) {
      s.set(CHANNEL, "ONLINE");
      s.set(ANSWERED_ON_SPOT, false);
    }
    String village = s.text(VILLAGE_CODE);
    if (village != null && !s.hasError(VILLAGE_CODE) && org.village(village).isEmpty()) {
      s.reject(VILLAGE_CODE, s.label(VILLAGE_CODE) + "的取值“" + village + "”不在可选范围内：没有这个村（社区）");
    } else if (village != null && !s.hasError(VILLAGE_CODE) && org.isRetired(village)) {
      s.reject(VILLAGE_CODE, retiredVillage(village));
    } else if (village != null && !s.hasError(VILLAGE_CODE) && s.actor() != null && !mayRegister(s.actor(), village)) {
      s.reject(VILLAGE_CODE, "您不是" + org.villageName(village) + "或其所在镇的干部，不能为该村（社区）登记事项");
    }
    if (s.isTrue(ANSWERED_ON_SPOT) && ("PETITION".equals(s.text(MATTER_TYPE)) || "CADRE_CONDUCT".equals(s.text(SUBJECT)))) {
      // Answered on the spot, an item never reaches the town: the village would close a complaint about
      // its own cadres (or a petition) itself, and nobody above would ever see it.
      s.reject(ANSWERED_ON_SPOT, "信访事项和反映干部作风问题的事项不能当场答复办结，须登记后交镇里受理");
    } else if (s.isTrue(ANSWERED_ON_SPOT)) {
      s.require(ON_SPOT_ANSWER);
    } else {
      s.set(ON_SPOT_ANSWER, null);
    }
  }

  /** Why a retired village takes no new items, naming its successor when it was merged. */
  private String retiredVillage(String village) {
    String successor = org.current(village);
    return org.villageName(village) + "已撤销" + (successor.equals(village) ? ""
        : "（已并入" + org.village(successor).map(Org.Unit::name).orElse(successor) + "）")
        + "，不能再为其登记事项" + (successor.equals(village) ? "" : "，请为" + org.village(successor)
        .map(Org.Unit::name).orElse(successor) + "登记");
  }

  /**
   * Who may register for a village: a cadre with a role in the village or its town, the county
   * handling centre of its county, an administrator, or a designated intake account (group
   * {@value SystemGroups#INTAKE}: hotline, online platform). The engine without a logged-in user (timers,
   * the demo loader) is not asked.
   */
  private boolean mayRegister(String userId, String village) {
    if (Origin.RESIDENT.equals(userId)) {
      // A resident registers for their own village on the resident's page only (online, never answered on the spot).
      return Door.current() == Door.RESIDENT_PAGE;
    }
    return org.mayRegisterFor(userId, village)
        || identity.createGroupQuery().groupMember(userId).groupIdIn(SystemGroups.ADMINS, SystemGroups.INTAKE).count() > 0;
  }

  private void classify(Submission s) {
    String cadre = s.text(RESPONSIBLE_CADRE);
    String village = s.text(VILLAGE_CODE);
    if (cadre != null && !s.hasError(RESPONSIBLE_CADRE) && !org.worksFor(cadre, village)) {
      s.reject(RESPONSIBLE_CADRE, s.label(RESPONSIBLE_CADRE) + "“" + org.cadreName(cadre).orElse(cadre)
          + "”不是本村或本镇的干部");
    } else if (cadre != null && s.value(DESK_ROLE) instanceof String desk && !org.atVillage(desk)
        && org.postsOf(cadre).stream().anyMatch(p -> p.unitCode().equals(village))) {
      // A petition or a complaint about a cadre is followed by the town: never by the village concerned.
      s.reject(RESPONSIBLE_CADRE, "信访事项和反映干部作风问题的事项只能由镇干部负责，不能交给本村干部");
    }
    LocalDate deadline = s.date(REQUESTED_DEADLINE);
    if (deadline != null && deadline.isBefore(clock.today())) {
      s.reject(REQUESTED_DEADLINE, s.label(REQUESTED_DEADLINE) + "不能早于今天");
    }
    String original = s.text(DUPLICATE_OF);
    if (original == null) {
      s.set(DUPLICATE_OF, null);
    } else if (!s.hasError(DUPLICATE_OF)) {
      LedgerEntry entry = ledger.findByNumber(original).orElse(null);
      // A petition or a complaint does not exist for the village: not to be found by merging into it.
      boolean hidden = entry != null && entry.isSensitive() && !Desk.isSensitive((String) s.value(DESK_ROLE));
      if (entry == null || !entry.isOpen() || hidden) {
        s.reject(DUPLICATE_OF, s.label(DUPLICATE_OF) + "“" + original + "”不存在或已办结，不能并入");
      } else if (!entry.isSensitive() && ("PETITION".equals(s.text(MATTER_TYPE))
          || "CADRE_CONDUCT".equals(s.text(SUBJECT)))) {
        // The village follows the item merged into: it would see the petitioner among its reporters.
        s.reject(DUPLICATE_OF, "信访事项和反映干部作风问题的事项不能并入由村里跟办的事项“" + original + "”");
      } else if (original.equals(s.value(MATTER_NUMBER))) {
        s.reject(DUPLICATE_OF, s.label(DUPLICATE_OF) + "不能是本事项");
      } else if (!entry.townCode().equals(org.townOf(village))) {
        s.reject(DUPLICATE_OF, s.label(DUPLICATE_OF) + "“" + original + "”不是本镇的事项");
      }
    }
  }

  private void signFor(Submission s) {
    if (SIGN_FOR_RETURN.equals(s.text(SIGN_FOR_DECISION))) {
      s.require(RETURN_REASON);
      if (!Boolean.TRUE.equals(s.value(RETURN_ALLOWED))) {
        s.reject(SIGN_FOR_DECISION, "本级已退单一次或已有裁定，不能再退单，请签收办理");
      }
    }
  }

  private void dispatch(Submission s) {
    String village = (String) s.value(VILLAGE_CODE);
    String lead = s.text(LEAD_DEPARTMENT);
    if (lead != null && !isDepartment(lead, village)) {
      s.reject(LEAD_DEPARTMENT, s.label(LEAD_DEPARTMENT) + "“" + lead + "”不是本县的部门");
    }
    if (s.value(CO_DEPARTMENTS) instanceof java.util.Collection<?> co) {
      for (Object code : co) {
        if (!isDepartment(code.toString(), village)) {
          s.reject(CO_DEPARTMENTS, s.label(CO_DEPARTMENTS) + "“" + code + "”不是本县的部门");
        } else if (code.toString().equals(lead)) {
          s.reject(CO_DEPARTMENTS, s.label(CO_DEPARTMENTS) + "不能包括牵头部门");
        }
      }
    }
  }

  private void ruling(Submission s) {
    if (RULING_REROUTE.equals(s.text(RETURN_RULING))) {
      s.require(NEW_LEAD_DEPARTMENT);
      String department = s.text(NEW_LEAD_DEPARTMENT);
      if (department != null && !isDepartment(department, (String) s.value(VILLAGE_CODE))) {
        s.reject(NEW_LEAD_DEPARTMENT, s.label(NEW_LEAD_DEPARTMENT) + "“" + department + "”不是本县的部门");
      } else if (department != null && department.equals(s.value(LEAD_DEPARTMENT))) {
        s.reject(NEW_LEAD_DEPARTMENT, "改派的部门不能是退单的部门");
      }
    } else {
      s.set(NEW_LEAD_DEPARTMENT, null);
    }
  }

  private boolean isDepartment(String code, String villageCode) {
    return org.departmentsFor(villageCode).stream().anyMatch(d -> d.code().equals(code));
  }

  private void notInFuture(Submission s, String key) {
    LocalDate date = s.date(key);
    if (date != null && date.isAfter(clock.today())) {
      s.reject(key, s.label(key) + "不能晚于今天");
    }
  }

  private void handle(Submission s) {
    if (ACTION_EXTENSION.equals(s.text(HANDLE_ACTION))) {
      extension(s);
      return;
    }
    s.require(OUTCOME);
    s.require(RESULT_SUMMARY);
    String outcome = s.text(OUTCOME);
    if (OUTCOME_COMMITTED.equals(outcome)) {
      s.require(PROMISED_DATE);
      s.require(COMMITMENT_STEPS);
      LocalDate promised = s.date(PROMISED_DATE);
      if (promised != null && promised.isBefore(clock.today())) {
        s.reject(PROMISED_DATE, s.label(PROMISED_DATE) + "不能早于今天");
      }
    } else {
      clear(s, List.of(PROMISED_DATE, COMMITMENT_STEPS));
    }
    if (OUTCOME_EXPLAINED.equals(outcome)) {
      s.require(POLICY_BASIS);
    } else {
      clear(s, List.of(POLICY_BASIS));
    }
  }

  /** One extension per level, asked before the deadline, for no more days than the rule allows. */
  private void extension(Submission s) {
    s.require(EXTENSION_DAYS);
    s.require(EXTENSION_REASON);
    if (Boolean.TRUE.equals(s.value(EXTENSION_USED))) {
      s.reject(HANDLE_ACTION, "本级已申请过一次延期，不能再次申请");
    } else if (s.value(DEADLINE) instanceof java.util.Date deadline && !clock.now().isBefore(deadline.toInstant())) {
      s.reject(HANDLE_ACTION, "已超过办理期限，不能再申请延期");
    }
    Object max = s.value(MAX_EXTENSION_DAYS);
    if (s.value(EXTENSION_DAYS) instanceof Number days && max instanceof Number limit
        && days.intValue() > limit.intValue()) {
      s.reject(EXTENSION_DAYS, s.label(EXTENSION_DAYS) + "不能超过" + limit + "天");
    }
  }

  private void verify(Submission s) {
    if (VERIFICATION_REJECTED.equals(s.text(VERIFICATION_RESULT))) {
      s.require(VERIFICATION_NOTE);
    }
    if (s.actor() != null && s.actor().equals(s.value(HANDLED_BY))) {
      s.reject(VERIFICATION_RESULT, "办理结果须由办理人以外的干部核实");
    }
  }

  private void feedback(Submission s) {
    LocalDate date = s.date(FEEDBACK_DATE);
    if (date != null && date.isAfter(clock.today())) {
      s.reject(FEEDBACK_DATE, s.label(FEEDBACK_DATE) + "不能晚于今天");
    }
  }

  /** A field hidden for the chosen answer is not submitted; a value left from an earlier round must go. */
  private static void clear(Submission s, List<String> keys) {
    for (String key : keys) {
      if (s.value(key) != null) {
        s.set(key, null);
      }
    }
  }
}
