package cn.shuoshi.reports;

import java.util.Map;

/**
 * The Chinese words a cadre or resident reads for the codes on the ledger. Short forms of the
 * options in forms/*.form, because a printed ledger column has no room for the forms' explanations.
 */
public final class LedgerLabels {

  private static final Map<String, String> CHANNEL = Map.of(
      "MEETING", "党群说事会", "VISIT", "入户走访", "WALK_IN", "坐班接待", "PHONE", "电话/书记信箱",
      "PROXY", "委托代理", "ONLINE", "网上反映");
  private static final Map<String, String> TYPE = Map.of(
      "PROBLEM", "问题类", "REQUEST", "诉求类", "PETITION", "信访类", "SUGGESTION", "建议类");
  private static final Map<String, String> HANDLING_LIST = Map.of(
      "VILLAGE", "村级自办", "PUBLIC_MAJOR", "公共重大事项", "HIGHER_LEVEL", "上级协调办理");
  private static final Map<String, String> SUBJECT = Map.of(
      "INDUSTRY", "产业发展", "LIVELIHOOD", "民生保障", "GOVERNANCE", "基层治理", "INFRASTRUCTURE", "村级基础设施",
      "CADRE_CONDUCT", "干部作风", "DISPUTE", "矛盾纠纷", "POLICY", "政策咨询", "AGENCY_SERVICE", "农事村办");
  private static final Map<String, String> OUTCOME = Map.of(
      "RESOLVED", "已解决", "COMMITTED", "承诺办理", "EXPLAINED", "解释说明");
  private static final Map<String, String> SATISFACTION = Map.of(
      "SATISFIED", "满意", "BASICALLY_SATISFIED", "基本满意", "DISSATISFIED", "不满意", "UNRATED", "未评价（超时）");
  private static final Map<String, String> LEVEL = Map.of(
      "VILLAGE", "村级", "TOWN", "镇级", "COUNTY", "县级", "DEPARTMENT", "县直部门");

  private LedgerLabels() {}

  public static String channel(String code) {
    return label(CHANNEL, code);
  }

  public static String type(String code) {
    return label(TYPE, code);
  }

  public static String handlingList(String code) {
    return label(HANDLING_LIST, code);
  }

  public static String subject(String code) {
    return label(SUBJECT, code);
  }

  public static String outcome(String code) {
    return label(OUTCOME, code);
  }

  public static String satisfaction(String code) {
    return label(SATISFACTION, code);
  }

  /** The level an item is handled at (村级, 镇级, 县级, 县直部门). */
  public static String level(String code) {
    return label(LEVEL, code);
  }

  /** An unknown code is shown as it is rather than hidden: the ledger must not lose information. */
  private static String label(Map<String, String> labels, String code) {
    return code == null ? "" : labels.getOrDefault(code, code);
  }
}
