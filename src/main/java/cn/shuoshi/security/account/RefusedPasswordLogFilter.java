package cn.shuoshi.security.account;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * The engine logs every failed command at ERROR, a password refused by the password rules included;
 * the caller got a 400 naming the rules ({@link PasswordRefusedException}). That is not an error of the
 * service, so it does not reach the log (the password itself never did).
 */
public class RefusedPasswordLogFilter extends TurboFilter {

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
    for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PasswordRefusedException
          || AccountsPlugin.ENGINE_POLICY_MESSAGE.equals(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
