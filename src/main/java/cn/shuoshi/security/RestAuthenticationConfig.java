package cn.shuoshi.security;

import cn.shuoshi.security.account.PasswordChangeGate;
import jakarta.servlet.Filter;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine REST API answers anonymous callers by default; here every call needs a Camunda user
 * (HTTP Basic), as in Camunda Run, {@code /engine-rest/engine} included
 * ({@link EngineRestAuthenticationFilter}). The engine then knows who registers, handles and verifies.
 */
@Configuration
public class RestAuthenticationConfig {

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthentication(PasswordChangeGate gate, ProcessEngine engine) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
        new EngineRestAuthenticationFilter(gate, engine));
    registration.setName("camunda-auth");
    // The service's own API (/api) answers only logged-in users too; public pages live elsewhere.
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName()));
    // After the service's error, size and login-log filters (ServiceFiltersConfig, HttpHardeningConfig).
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
    return registration;
  }
}
