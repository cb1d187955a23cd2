package cn.shuoshi.matter;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Valid form submissions as a cadre fills them in; tests change one field to make them invalid. */
public final class Forms {

  private Forms() {}

  public static Map<String, Object> register(String village) {
    Map<String, Object> form = new HashMap<>();
    form.put(VILLAGE_CODE, village);
    form.put(CHANNEL, "MEETING");
    form.put(REPORTER_NAME, "李桂兰");
    form.put(REPORTER_PHONE, "13912345678");
    form.put(REPORTER_GROUP, "二组");
    form.put(CONFIDENTIAL, false);
    form.put(TITLE, "自来水压力不足");
    form.put(DESCRIPTION, "二组地势高，每天下午水压不足，做饭用水困难。");
    form.put(MATTER_TYPE, "PROBLEM");
    form.put(SUBJECT, "INFRASTRUCTURE");
    form.put(ANSWERED_ON_SPOT, false);
    return form;
  }

  public static Map<String, Object> classify(String handlingList, String responsible) {
    Map<String, Object> form = new HashMap<>();
    form.put(MATTER_TYPE, "PROBLEM");
    form.put(HANDLING_LIST, handlingList);
    form.put(SUBJECT, "INFRASTRUCTURE");
    form.put(RESPONSIBLE_CADRE, responsible);
    return form;
  }

  public static Map<String, Object> resolved() {
    Map<String, Object> form = new HashMap<>();
    form.put(HANDLE_ACTION, "RESULT");
    form.put(OUTCOME, "RESOLVED");
    form.put(RESULT_SUMMARY, "已加装增压泵，下午水压恢复正常。");
    return form;
  }

  public static Map<String, Object> committed(LocalDate promised) {
    Map<String, Object> form = new HashMap<>();
    form.put(HANDLE_ACTION, "RESULT");
    form.put(OUTCOME, "COMMITTED");
    form.put(RESULT_SUMMARY, "需更换主管道，已列入明年春季项目。");
    form.put(PROMISED_DATE, promised.toString());
    form.put(COMMITMENT_STEPS, "一、申报项目；二、招标施工；三、验收通水。");
    return form;
  }

  public static Map<String, Object> explained() {
    Map<String, Object> form = new HashMap<>();
    form.put(HANDLE_ACTION, "RESULT");
    form.put(OUTCOME, "EXPLAINED");
    form.put(RESULT_SUMMARY, "该路段属于国道，不在村级管理范围。");
    form.put(POLICY_BASIS, "《公路法》第八条：国道由省级交通主管部门负责。");
    return form;
  }

  public static Map<String, Object> extension(int days, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put(HANDLE_ACTION, "EXTENSION");
    form.put(EXTENSION_DAYS, days);
    form.put(EXTENSION_REASON, reason);
    return form;
  }

  public static Map<String, Object> signFor() {
    return Map.of(SIGN_FOR_DECISION, "ACCEPT");
  }

  public static Map<String, Object> returned(String reason) {
    return Map.of(SIGN_FOR_DECISION, "RETURN", RETURN_REASON, reason);
  }

  public static Map<String, Object> townDecides(String decision) {
    return Map.of(TOWN_DECISION, decision, TOWN_NOTE, "经研判，" + decision);
  }

  public static Map<String, Object> dispatch(String lead, java.util.List<String> coDepartments) {
    Map<String, Object> form = new HashMap<>();
    form.put(LEAD_DEPARTMENT, lead);
    form.put(CO_DEPARTMENTS, new java.util.ArrayList<>(coDepartments));
    form.put(TRANSFER_NOTE, "请按职责办理并报告结果。");
    return form;
  }

  public static Map<String, Object> deliberation(boolean passed) {
    return Map.of(MEETING_DATE, LocalDate.now(EngineClock.BEIJING).toString(),
        DELIBERATION_PASSED, passed ? "PASSED" : "REJECTED", DELIBERATION_NOTE, passed ? "同意" : "多数不同意");
  }

  public static Map<String, Object> published() {
    return Map.of(PUBLISHED_AT, LocalDate.now(EngineClock.BEIJING).toString(), PUBLISHED_WHERE, "村务公开栏");
  }

  public static Map<String, Object> verified(String result, String note) {
    Map<String, Object> form = new HashMap<>();
    form.put(VERIFICATION_RESULT, result);
    form.put(VERIFICATION_NOTE, note);
    return form;
  }

  public static Map<String, Object> feedback() {
    return Map.of(FEEDBACK_METHOD, "PHONE", FEEDBACK_DATE, LocalDate.now(EngineClock.BEIJING).toString(),
        FEEDBACK_NOTE, "已电话告知办理结果。");
  }

  public static Map<String, Object> rated(String satisfaction, String note) {
    Map<String, Object> form = new HashMap<>();
    form.put(SATISFACTION, satisfaction);
    form.put(SATISFACTION_NOTE, note);
    return form;
  }
}
