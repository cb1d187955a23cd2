package cn.shuoshi.security.account;

import cn.shuoshi.api.ExpectedRefusal;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A new password that breaks the password rules: a 400 on both REST APIs with the rules in Chinese,
 * instead of the engine's "Password does not match policy" as a 500.
 */
public class PasswordRefusedException extends BadUserRequestException implements ExpectedRefusal {

  private static final long serialVersionUID = 1L;

  public PasswordRefusedException(String message) {
    super(message);
  }
}
