package cn.shuoshi.ledger;

import cn.shuoshi.organisation.Level;
import cn.shuoshi.organisation.Role;

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
}
