package cn.shuoshi.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a production ({@code postgres}) service without an administrator password or a
 * database password, before anything connects or creates a user: no default password exists outside
 * the demo profile. The message names the missing variables, never a value.
 *
 * <p>A database server that authenticates its users without a password (PostgreSQL's {@code peer},
 * {@code cert} or a benchmark machine's {@code trust}) is said so explicitly with
 * {@code SHUOSHI_DB_PASSWORDLESS=true}; an empty password alone stays a forgotten one.
 */
public class RequiredSecretsCheck implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("postgres")) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (isBlank(environment.getProperty("camunda.bpm.admin-user.password"))) {
      missing.add("SHUOSHI_ADMIN_PASSWORD is not set: the postgres profile needs the administrator's password "
          + "(environment variable SHUOSHI_ADMIN_PASSWORD)");
    }
    if (isBlank(environment.getProperty("spring.datasource.password"))
        && !"true".equalsIgnoreCase(environment.getProperty("SHUOSHI_DB_PASSWORDLESS"))) {
      missing.add("SHUOSHI_DB_PASSWORD is not set: the postgres profile needs the database user's password "
          + "(environment variable SHUOSHI_DB_PASSWORD; SHUOSHI_DB_PASSWORDLESS=true where the server needs none)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(String.join("; ", missing) + ". Refusing to start.");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
