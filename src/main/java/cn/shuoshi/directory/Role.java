package cn.shuoshi.directory;

import java.util.Arrays;
import java.util.Optional;

/** The roles of DOMAIN.md, "Who is involved"; each unit has one Camunda group per role. */
public enum Role {
  SECRETARY(Level.VILLAGE, "secretary", "党支部书记"),
  COMMITTEE(Level.VILLAGE, "committee", "“两委”干部"),
  RESIDENT_CADRE(Level.VILLAGE, "resident", "驻村干部"),
  LEADER(Level.TOWN, "leader", "包村领导"),
  STATION(Level.TOWN, "station", "民情处理站"),
  PARTY_COMMITTEE(Level.TOWN, "partycommittee", "党委会"),
  SUPERVISOR(Level.TOWN, "supervisor", "纪委和党建办督办组"),
  CENTRE(Level.COUNTY, "centre", "民情处理中心"),
  DEPARTMENT(Level.DEPARTMENT, "department", "办理人员");

  private final Level level;
  private final String groupSuffix;
  private final String title;

  Role(Level level, String groupSuffix, String title) {
    this.level = level;
    this.groupSuffix = groupSuffix;
    this.title = title;
  }

  public Level level() {
    return level;
  }

  public String title() {
    return title;
  }

  /** The Camunda group of this role in {@code unitCode}: candidate groups come from here only. */
  public String groupOf(String unitCode) {
    return unitCode + "_" + groupSuffix;
  }

  public static Optional<Role> parse(String name) {
    return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
  }
}
