package io.kodama.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI kodamaOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Kodama API").version("v1")
            .description("Verification codes by SMS, with voice calls as fallback, and signed webhooks."
                + " Errors are application/problem+json (RFC 9457) with a stable type."))
        .components(new Components()
            .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A tenant's API key: Authorization: Bearer kdm_…"))
            .addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("The operator's admin token: Authorization: Bearer adm_…")));
  }
}
