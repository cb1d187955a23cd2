package cn.shuoshi.organisation;

import cn.shuoshi.security.account.SecuritySettings;
import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * Random passwords for new accounts (and unknown ones for retired cadres), fit for the password rules
 * (security.account.ShuoshiPasswordPolicy): at least 16 characters or the configured minimum, with
 * letters, digits and symbols; no look-alike characters (0/O, 1/l/I) and nothing that needs quoting
 * in a CSV file. They are never logged.
 */
@Component
public class InitialPasswords {

  private static final String LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "-_!@#%+=?*";
  private static final String ALL = LETTERS + DIGITS + SYMBOLS;

  private final SecureRandom random = new SecureRandom();
  private final int length;

  public InitialPasswords(SecuritySettings settings) {
    this.length = Math.max(16, settings.getPasswordMinLength());
  }

  /** A new random password that does not contain {@code userId} (in any case). */
  public String next(String userId) {
    while (true) {
      char[] password = new char[length];
      password[0] = pick(LETTERS);
      password[1] = pick(DIGITS);
      password[2] = pick(SYMBOLS);
      for (int i = 3; i < length; i++) {
        password[i] = pick(ALL);
      }
      for (int i = length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        char t = password[i];
        password[i] = password[j];
        password[j] = t;
      }
      String candidate = new String(password);
      if (userId == null || !candidate.toUpperCase().contains(userId.toUpperCase())) {
        return candidate;
      }
    }
  }

  private char pick(String from) {
    return from.charAt(random.nextInt(from.length()));
  }
}
