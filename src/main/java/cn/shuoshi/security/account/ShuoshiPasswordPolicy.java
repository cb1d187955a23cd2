package cn.shuoshi.security.account;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The password rules (engine setting {@code enablePasswordPolicy}): at least
 * {@code shuoshi.security.password-min-length} characters with a letter, a digit and a symbol, no user
 * data (id, names, e-mail) in it, and none of the user's recent passwords. The Admin and Welcome apps
 * show each rule by its placeholder (their {@code locales/zh.json}); the engine checks them whenever a
 * user is saved with a new password, whoever saves it.
 */
public class ShuoshiPasswordPolicy implements PasswordPolicy {

  /** Placeholder of the letter rule (ours; Camunda has only upper and lower case). */
  public static final String LETTER = "PASSWORD_POLICY_LETTER";
  /** Placeholder of the recent-passwords rule (ours). */
  public static final String HISTORY = "PASSWORD_POLICY_HISTORY";

  private final List<PasswordPolicyRule> rules;

  public ShuoshiPasswordPolicy(SecuritySettings settings, PasswordHistory history,
      ProcessEngineConfigurationImpl engine) {
    this.rules = List.of(
        new UserDataRule(),
        new CountRule("PASSWORD_POLICY_LENGTH", "minLength", settings.getPasswordMinLength(), c -> true),
        new CountRule(LETTER, "minLetter", 1, Character::isLetter),
        new CountRule("PASSWORD_POLICY_DIGIT", "minDigit", 1, Character::isDigit),
        new CountRule("PASSWORD_POLICY_SPECIAL", "minSpecial", 1, ShuoshiPasswordPolicy::isSymbol),
        new HistoryRule(settings.getPasswordHistory(), history, engine));
  }

  @Override
  public List<PasswordPolicyRule> getRules() {
    return rules;
  }

  /** Punctuation and symbols, ASCII or full-width (！、￥…): anything printable but letters and digits. */
  static boolean isSymbol(int c) {
    return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c) && !Character.isISOControl(c);
  }

  /** At least {@code minimum} characters of a kind (Camunda's placeholders and parameter names). */
  static final class CountRule implements PasswordPolicyRule {

    private final String placeholder;
    private final String parameter;
    private final int minimum;
    private final IntPredicate counted;

    CountRule(String placeholder, String parameter, int minimum, IntPredicate counted) {
      this.placeholder = placeholder;
      this.parameter = parameter;
      this.minimum = minimum;
      this.counted = counted;
    }

    @Override
    public String getPlaceholder() {
      return placeholder;
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of(parameter, String.valueOf(minimum));
    }

    @Override
    public boolean execute(String candidatePassword) {
      return candidatePassword.codePoints().filter(counted).count() >= minimum;
    }
  }

  /** Neither the user id nor the user's names or e-mail address in the password (any case). */
  static final class UserDataRule implements PasswordPolicyRule {

    @Override
    public String getPlaceholder() {
      return "PASSWORD_POLICY_USER_DATA";
    }

    @Override
    public Map<String, String> getParameters() {
      return null;
    }

    @Override
    public boolean execute(String candidatePassword) {
      return true;
    }

    @Override
    public boolean execute(String candidatePassword, User user) {
      if (user == null) {
        return true;
      }
      String password = candidatePassword.toUpperCase(Locale.ROOT);
      for (String data : new String[] {user.getId(), user.getFirstName(), user.getLastName(), user.getEmail()}) {
        if (data != null && !data.isBlank() && password.contains(data.trim().toUpperCase(Locale.ROOT))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Not one of the user's recent passwords. Checked when a user is saved (inside the engine's command)
   * and for the Welcome app's live check of the owner's own new password; the policy check endpoint
   * answers anybody else "fulfilled" without looking, or it would tell strangers whether a guess is one
   * of somebody's recent passwords, without counting as a failed login.
   */
  static final class HistoryRule implements PasswordPolicyRule {

    private final int count;
    private final PasswordHistory history;
    private final ProcessEngineConfigurationImpl engine;

    HistoryRule(int count, PasswordHistory history, ProcessEngineConfigurationImpl engine) {
      this.count = count;
      this.history = history;
      this.engine = engine;
    }

    @Override
    public String getPlaceholder() {
      return HISTORY;
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of("count", String.valueOf(count));
    }

    @Override
    public boolean execute(String candidatePassword) {
      return true;
    }

    @Override
    public boolean execute(String candidatePassword, User user) {
      if (user == null || user.getId() == null || candidatePassword.isEmpty()) {
        return true;
      }
      if (Context.getCommandContext() != null) {
        return !isRecent(Context.getCommandContext(), user.getId(), candidatePassword);
      }
      var caller = engine.getIdentityService().getCurrentAuthentication();
      if (caller == null || !user.getId().equals(caller.getUserId())) {
        return true;
      }
      return !engine.getCommandExecutorTxRequired().execute(
          command -> isRecent(command, user.getId(), candidatePassword));
    }

    private boolean isRecent(CommandContext command, String userId, String candidate) {
      UserEntity stored = command.getDbEntityManager().selectById(UserEntity.class, userId);
      PasswordHistory.Stored current = stored == null ? null : new PasswordHistory.Stored(stored.getPassword(),
          stored.getSalt());
      return history.isRecent(userId, candidate, current);
    }
  }
}
