package cn.shuoshi.audit;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Who is acting now and through which door: the user logged in for the engine command that runs, or
 * {@value #SYSTEM} for the engine's own work (timers, start-up). Every ledger event and audit line
 * carries both.
 */
public record Origin(String actor, Door door) {

  public static final String SYSTEM = "system";
  /**
   * The resident who raised the item, acting on their own page (a private link, no account): their
   * rating and their online registration. Not a Camunda user; no cadre account may take this id.
   */
  public static final String RESIDENT = "resident";

  public static Origin now() {
    CommandContext command = Context.getCommandContext();
    String user = command == null ? null : command.getAuthenticatedUserId();
    return new Origin(user != null ? user : SYSTEM, Door.current());
  }

  public static Origin of(String user) {
    return new Origin(user != null ? user : SYSTEM, Door.current());
  }
}
