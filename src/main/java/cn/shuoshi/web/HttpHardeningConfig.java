package cn.shuoshi.web;

import cn.shuoshi.security.LoginDoorFilter;
import cn.shuoshi.security.WebappAccessFilter;
import cn.shuoshi.security.account.PasswordChangeGate;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The HTTP side of the security review (等保 2.0): headers against framing on every response, error
 * answers without internals on both REST APIs and in Tomcat's own error page, the login log's door,
 * and the webapps' anonymous and must-change-password rules. Filter order: headers first, so that
 * every answer (error answers included) carries them; then the door; then the error answers, around
 * the service's error filter (order +10) and the logins.
 */
@Configuration
public class HttpHardeningConfig {

  @Bean
  public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.setName("shuoshi-security-headers");
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD,
        DispatcherType.ASYNC));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

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
  public FilterRegistrationBean<ErrorAnswerFilter> errorAnswerFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<ErrorAnswerFilter> registration = new FilterRegistrationBean<>(new ErrorAnswerFilter());
    registration.setName("shuoshi-error-answers");
    registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
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

  /** Tomcat's error page without exception, stack trace or version (showReport, showServerInfo off). */
  @Bean
  public WebServerFactoryCustomizer<TomcatServletWebServerFactory> quietTomcatErrorPages() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
        host.setErrorReportValveClass(QuietErrorReportValve.class.getName());
      }
    });
  }
}
