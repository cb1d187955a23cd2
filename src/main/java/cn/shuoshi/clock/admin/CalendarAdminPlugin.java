package cn.shuoshi.clock.admin;

import java.util.Set;
import org.camunda.bpm.admin.plugin.spi.impl.AbstractAdminPlugin;

/**
 * The Admin app's plugin {@value #ID}: a section of the start page (plugin point
 * {@code admin.dashboard.section}) that says whether the working-day calendar has this year and, from
 * 1 November, next year. Its script is {@code plugin-webapp/shuoshiCalendar/app/plugin.js}, which the
 * Admin app loads with its own plugins; it reads {@link CalendarAdminResource} through the Admin
 * app's session. Registered through {@code META-INF/services}, as Camunda's webapps find plugins.
 */
public class CalendarAdminPlugin extends AbstractAdminPlugin {

  public static final String ID = "shuoshiCalendar";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(CalendarAdminResource.class);
  }
}
