package cn.shuoshi.ledger;

/** Where an item stands on the ledger; the Chinese label is what a cadre reads on the ledger. */
public enum MatterState {
  CLASSIFYING("待分类交办"),
  DELIBERATING("四议两公开程序中"),
  TOWN_SIGN_FOR("待镇级签收研判"),
  PARTY_COMMITTEE("镇党委会研究中"),
  COUNTY_DISPATCH("待县级转办"),
  SIGNING_FOR("待承办单位签收"),
  RETURN_RULING("退单裁定中"),
  HANDLING("办理中"),
  EXTENSION_REVIEW("延期审批中"),
  VERIFYING("核实中"),
  PUBLISHING_RESULT("实施结果公开中"),
  FEEDBACK("待反馈群众"),
  REVIEWING("满意度测评中"),
  SUPERVISOR_REVIEW("督办复核中"),
  CLOSED("已办结"),
  MERGED("已并入原事项");

  private final String label;

  MatterState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
