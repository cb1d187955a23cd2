package cn.shuoshi.security;

import cn.shuoshi.security.account.PasswordChangeGate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The HTTP side of the security review (等保 2.0): the login log's door, and the webapps' anonymous
 * and must-change-password rules.
 */
@Configuration
public class HttpHardeningConfig {

  @Bean
  public FilterRegistrationBean<LoginDoorFilter> loginDoorFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<LoginDoorFilter> registration = new FilterRegistrationBean<>(new LoginDoorFilter(webappPath));
    registration.setName("shuoshi-login-door");
    registration.addUrlPatterns(webappPath + "/*", "/engine-rest/*", "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<WebappAccessFilter> webappAccessFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, PasswordChangeGate gate) {
    FilterRegistrationBean<WebappAccessFilter> registration =
        new FilterRegistrationBean<>(new WebappAccessFilter(webappPath, gate));
    registration.setName("shuoshi-webapp-access");
    registration.addUrlPatterns(webappPath + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
