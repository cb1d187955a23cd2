package cn.shuoshi.api;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The service's endpoints that only administrators ({@code camunda-admin}) may use — the working-day
 * calendar, the organisation import — ask here first: the caller's id, or a 403 with the endpoint's
 * own Chinese refusal before anything is read or written.
 */
@Component
public class AdministratorsOnly {

  private final IdentityService identity;

  public AdministratorsOnly(IdentityService identity) {
    this.identity = identity;
  }

  /** The calling administrator's user id; anybody else is refused with {@code refusal}. */
  public String require(String refusal) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null || caller.getGroupIds() == null
        || !caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      throw new ForbiddenException(refusal);
    }
    return caller.getUserId();
  }
}
