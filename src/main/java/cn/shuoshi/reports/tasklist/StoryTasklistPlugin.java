package cn.shuoshi.reports.tasklist;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * The Tasklist's plugin {@value #ID}: the tab 事项经过 beside a task's form (plugin point
 * {@code tasklist.task.detail}) and the header link 我经手的事项 ({@code tasklist.navbar.action}). Its
 * script is {@code plugin-webapp/shuoshiStory/app/plugin.js}; it reads {@link StoryTasklistResource}
 * through the Tasklist's own login session. Registered through {@code META-INF/services}.
 */
public class StoryTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "shuoshiStory";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(StoryTasklistResource.class);
  }
}
