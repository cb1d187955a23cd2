package cn.shuoshi.notify.tasklist;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * The Tasklist's plugin {@value #ID}: the header link 我的消息 with the unread count
 * ({@code tasklist.navbar.action}), opening the cadre's own notices (站内信), each leading to its task
 * ({@code #/?task=<id>}) or its item's story, marked read when opened. Its script is
 * {@code plugin-webapp/shuoshiNotices/app/plugin.js}; it reads {@link NoticesTasklistResource} through the
 * Tasklist's own login session. Registered through {@code META-INF/services}.
 */
public class NoticesTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "shuoshiNotices";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(NoticesTasklistResource.class);
  }
}
