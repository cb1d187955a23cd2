package cn.shuoshi.reports.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Cockpit's plugin {@value #ID}: the dashboard section 已超期事项 (plugin point {@code cockpit.dashboard}),
 * every overdue item of the supervisor's area until it is handled, and the labels that Cockpit's
 * variables table shows beside a variable's name and coded value (custom script
 * {@code cockpit/scripts/variable-labels.js}). Its script is
 * {@code plugin-webapp/shuoshiOverdue/app/plugin.js}; both read {@link OverdueCockpitResource} through
 * Cockpit's own login session. Registered through {@code META-INF/services}.
 */
public class OverdueCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "shuoshiOverdue";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(OverdueCockpitResource.class);
  }
}
