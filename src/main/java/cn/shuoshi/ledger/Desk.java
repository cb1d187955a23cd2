package cn.shuoshi.ledger;

import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Role;
import org.camunda.bpm.engine.AuthorizationException;

/**
 * The desk that follows an item from registration to rating (decision {@code matterDesk} in
 * processes/matter-routing.dmn decides the role). An item whose desk is not a village role — a
 * petition (信访), a complaint about a cadre's conduct (干部作风) — is sensitive: the village and the
 * cadre concerned never see it, and no public page lists it.
 */
public final class Desk {

  private Desk() {}

  public static boolean isSensitive(String deskRole) {
    return deskRole != null && Role.parse(deskRole).map(r -> r.level() != Level.VILLAGE).orElse(true);
  }

  /**
   * A petition or a complaint about a cadre never goes to the village, whatever the decisions say:
   * designers edit {@code matterDesk} and {@code matterRouting}, and a table that gave such an item a
   * village desk or village handling would show it to the village concerned (its tasks, its ledger).
   * Such a step is refused whole; {@code level} may be null (at registration nothing is handled yet).
   */
  public static void requireAwayFromVillage(String matterType, String subject, String deskRole, String level) {
    boolean mustStayInTown = "PETITION".equals(matterType) || "CADRE_CONDUCT".equals(subject);
    if (mustStayInTown && (!isSensitive(deskRole) || "VILLAGE".equals(level))) {
      throw new AuthorizationException("信访事项和反映干部作风问题的事项不能交村级跟办或办理：跟办岗位（matterDesk）或承办层级"
          + "（matterRouting）决策把它交给了村，本次操作已拒绝，请联系流程设计人员");
    }
  }
}
