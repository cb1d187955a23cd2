package cn.shuoshi.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * Spring's error answer ({@code /error}: an unknown page, an empty error answer of the webapps' API)
 * in Chinese and without details: status, path, a neutral {@code type} and a Chinese {@code message}
 * as JSON ({@link ErrorAnswers}), or a plain Chinese page instead of the English "Whitelabel Error
 * Page". Never the exception, its message, a stack trace or binding errors, whatever the request asks.
 */
@Configuration
public class ErrorPageConfig {

  @Bean
  public ErrorAttributes errorAttributes() {
    return new DefaultErrorAttributes() {
      @Override
      public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        int status = attributes.get("status") instanceof Integer code ? code : 500;
        attributes.remove("error"); // the English reason phrase
        attributes.put("type", ErrorAnswers.neutralType(status));
        attributes.put("message", ErrorAnswers.defaultMessage(status));
        return attributes;
      }
    };
  }

  /** Replaces Spring Boot's "Whitelabel Error Page" (a bean of this name). */
  @Bean(name = "error")
  public View errorPage() {
    return new View() {
      @Override
      public String getContentType() {
        return "text/html;charset=UTF-8";
      }

      @Override
      public void render(Map<String, ?> model, jakarta.servlet.http.HttpServletRequest request,
          jakarta.servlet.http.HttpServletResponse response) throws Exception {
        if (response.isCommitted()) {
          return;
        }
        int status = response.getStatus();
        String message = String.valueOf(model.get("message"));
        response.setContentType(getContentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            + "<title>出错了 · 说事解题</title></head><body><h1>出错了（" + HtmlUtils.htmlEscape(String.valueOf(status))
            + "）</h1><p>" + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/\">返回首页</a></p></body></html>");
      }
    };
  }
}
