package cn.shuoshi.matter;

import cn.shuoshi.organisation.Role;

/**
 * Items the village must not see: a petition (信访) or a complaint about a cadre (干部作风) is never
 * shown to the unit or cadre complained about. Once an item is known to be one, its tasks go to the
 * town — the discipline commission for cadre conduct, the handling station for petitions — instead of
 * the village's groups, and the village's cadres do not find it in the ledger.
 */
public final class Sensitivity {

  public static final String PETITION = "PETITION";
  public static final String CADRE_CONDUCT = "CADRE_CONDUCT";

  private Sensitivity() {}

  public static boolean isSensitive(String matterType, String subject) {
    return PETITION.equals(matterType) || CADRE_CONDUCT.equals(subject);
  }

  /** The town role that takes a sensitive item's village tasks. */
  public static Role townRoleFor(String matterType, String subject) {
    return CADRE_CONDUCT.equals(subject) ? Role.SUPERVISOR : Role.STATION;
  }
}
