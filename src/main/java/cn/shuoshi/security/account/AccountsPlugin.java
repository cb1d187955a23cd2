package cn.shuoshi.security.account;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Installs the service's account rules in the engine: the identity provider (lockout, login log,
 * password history, first-login change) and the password policy, which applies wherever the engine
 * setting {@code enablePasswordPolicy} is on (every profile but {@code demo}).
 */
@Component
public class AccountsPlugin extends AbstractProcessEnginePlugin {

  /** The engine's message when SaveUserCmd refuses a password (org.camunda.bpm.engine.impl.cmd.SaveUserCmd). */
  static final String ENGINE_POLICY_MESSAGE = "Password does not match policy";

  private final SecuritySettings settings;
  private final LoginEvents events;
  private final Accounts accounts;
  private final PasswordHistory history;

  public AccountsPlugin(SecuritySettings settings, LoginEvents events, Accounts accounts, PasswordHistory history) {
    this.settings = settings;
    this.events = events;
    this.accounts = accounts;
    this.history = history;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(
        new AccountIdentityProvider.Factory(settings, events, accounts, history));
    configuration.setPasswordPolicy(new ShuoshiPasswordPolicy(settings, history, configuration));
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new ExplainRefusedPassword(settings));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** The rules, in the words of the Admin and Welcome apps' rule list. */
  static String rules(SecuritySettings settings) {
    return "新密码不符合密码规则：至少 " + settings.getPasswordMinLength() + " 个字符，须同时包含字母、数字和符号，"
        + "不得包含用户名、姓名或电子邮箱，不得与最近 " + settings.getPasswordHistory() + " 次使用过的密码相同";
  }

  /** The engine refuses a password in English and as a server error; the caller gets the rules instead. */
  static final class ExplainRefusedPassword extends CommandInterceptor {

    private final SecuritySettings settings;

    ExplainRefusedPassword(SecuritySettings settings) {
      this.settings = settings;
    }

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        if (command instanceof SaveUserCmd && ENGINE_POLICY_MESSAGE.equals(e.getMessage())) {
          throw new PasswordRefusedException(rules(settings));
        }
        throw e;
      }
    }
  }
}
