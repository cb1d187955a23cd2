package cn.shuoshi.web;

import cn.shuoshi.settings.ShuoshiSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The error and size filters, ahead of the login filter on the service's and the engine's APIs. */
@Configuration
public class ServiceFiltersConfig {

  @Bean
  public FilterRegistrationBean<ServiceErrorFilter> serviceErrorFilter() {
    FilterRegistrationBean<ServiceErrorFilter> registration = new FilterRegistrationBean<>(new ServiceErrorFilter());
    registration.setName("shuoshi-service-errors");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/board/*", "/r/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
      ShuoshiSettings settings) {
    long maxApiBody = settings.http().maxApiBodyBytes();
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxApiBody));
    registration.setName("shuoshi-api-body-limit");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** The resident's page takes a rating or a short registration: 32 KB is plenty. */
  @Bean
  public FilterRegistrationBean<RequestSizeLimitFilter> residentPageSizeLimitFilter() {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(RequestSizeLimitFilter.withPage(32 * 1024));
    registration.setName("shuoshi-resident-page-body-limit");
    registration.addUrlPatterns("/r/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<RequestSizeLimitFilter> engineRestSizeLimitFilter(
      ShuoshiSettings settings) {
    long maxEngineRestBody = settings.http().maxEngineRestBodyBytes();
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxEngineRestBody));
    registration.setName("shuoshi-engine-rest-body-limit");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
