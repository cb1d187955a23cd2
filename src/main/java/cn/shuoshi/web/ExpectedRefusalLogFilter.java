package cn.shuoshi.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import cn.shuoshi.api.ExpectedRefusal;
import org.slf4j.Marker;

/**
 * The engine logs every failed command at ERROR, including a call the service refused on purpose and
 * answered with a 4xx ({@link ExpectedRefusal}: a cadre's form that fails its checks, a password
 * against the rules — the password itself never reaches the log). Those are not errors of the service,
 * so they do not reach the log (logback-spring.xml).
 */
public class ExpectedRefusalLogFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.ERROR || !logger.getName().startsWith("org.camunda.bpm.engine")) {
      return FilterReply.NEUTRAL;
    }
    if (isRefusal(t)) {
      return FilterReply.DENY;
    }
    if (params != null) {
      for (Object param : params) {
        if (param instanceof Throwable thrown && isRefusal(thrown)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean isRefusal(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExpectedRefusal) {
        return true;
      }
    }
    return false;
  }
}
