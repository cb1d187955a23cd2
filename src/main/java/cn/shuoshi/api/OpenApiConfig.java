package cn.shuoshi.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the service's own API ({@code /api}), served at {@code /v3/api-docs}
 * with Swagger UI at {@code /swagger-ui.html}. The engine's REST API has its own documentation.
 */
@Configuration
@OpenAPIDefinition(info = @Info(title = "说事解题 API", version = "1",
    description = "事项受理、台账查询与导出、办理“三率”。所有 /api 接口须以 Camunda 账号 HTTP Basic 登录。"))
@SecurityScheme(name = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfig {}
