package cn.shuoshi.model;

import java.util.List;

/**
 * The extension properties ({@code camunda:property}) a model's elements may declare: what the service
 * does at a step (meaning: {@code steps.StepProperties}). Designers' deployments naming any other
 * property are refused, so a typo cannot switch a step's ledger off silently.
 */
public final class StepPropertyNames {

  public static final List<String> NAMES = List.of("itemProcess", "taskTitle", "ledgerState", "clearFormOnEntry",
      "notBy", "actorInto", "record", "ledgerDecision", "ledgerNote", "registration", "closesItem", "submitLabel",
      "notifyUnit", "notifyHandler", "notifySupervisors", "notifyHandlerOnComplete", "notifyResident");

  /**
   * Properties that may be declared per decision: {@code record.<decision>}, {@code ledgerNote.<decision>},
   * {@code submitLabel.<decision>}.
   */
  public static final List<String> PER_DECISION = List.of("record", "ledgerNote", "submitLabel");

  private StepPropertyNames() {}

  public static boolean known(String name) {
    if (name == null) {
      return false;
    }
    int dot = name.indexOf('.');
    return dot < 0 ? NAMES.contains(name) : PER_DECISION.contains(name.substring(0, dot)) && dot < name.length() - 1;
  }
}
