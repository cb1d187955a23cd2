package cn.shuoshi.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.ShuoshiApplication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Production has no default password: without one the service does not start at all. */
class PostgresProfileTest {

  // The PostgreSQL test run passes its database as system properties, which outrank what these
  // throwaway applications are given; without them the postgres profile's own settings apply.
  static final List<String> TEST_RUN_DATABASE =
      List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password");
  final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void withoutTheTestRunsDatabase() {
    for (String key : TEST_RUN_DATABASE) {
      String value = System.clearProperty(key);
      if (value != null) {
        saved.put(key, value);
      }
    }
  }

  @AfterEach
  void restoreTheTestRunsDatabase() {
    saved.forEach(System::setProperty);
  }

  @Test
  void thePostgresProfileRefusesToStartWithoutAnAdministratorPassword() {
    SpringApplicationBuilder production = new SpringApplicationBuilder(ShuoshiApplication.class)
        .profiles("postgres")
        .properties("SHUOSHI_ADMIN_PASSWORD=", "SHUOSHI_DB_PASSWORD=db-secret", "server.port=0",
            // Should it start after all, it must not take the shared engine name of the other tests.
            "camunda.bpm.process-engine-name=refused");

    assertThatThrownBy(production::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SHUOSHI_ADMIN_PASSWORD is not set")
        .hasMessageNotContaining("db-secret");
  }

  @Test
  void thePostgresProfileRefusesToStartWithoutADatabasePassword() {
    SpringApplicationBuilder production = new SpringApplicationBuilder(ShuoshiApplication.class)
        .profiles("postgres")
        .properties("SHUOSHI_ADMIN_PASSWORD=admin-secret", "SHUOSHI_DB_PASSWORD=", "server.port=0",
            "camunda.bpm.process-engine-name=refused");

    assertThatThrownBy(production::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SHUOSHI_DB_PASSWORD is not set")
        .hasMessageNotContaining("SHUOSHI_ADMIN_PASSWORD is not set")
        .hasMessageNotContaining("admin-secret");
  }

  @Test
  void aServerThatNeedsNoPasswordIsSaidSoExplicitly() {
    // Nothing listens on port 1: the service gets past the secrets check and fails on the connection.
    SpringApplicationBuilder production = new SpringApplicationBuilder(ShuoshiApplication.class)
        .profiles("postgres")
        .properties("SHUOSHI_ADMIN_PASSWORD=admin-secret", "SHUOSHI_DB_PASSWORD=", "SHUOSHI_DB_PASSWORDLESS=true",
            "SHUOSHI_DB_URL=jdbc:postgresql://127.0.0.1:1/none", "server.port=0",
            "camunda.bpm.process-engine-name=refused");

    assertThatThrownBy(production::run)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(rootCauseMessages(e))
            .doesNotContain("is not set")
            .containsIgnoringCase("connect"));
  }

  private static String rootCauseMessages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
