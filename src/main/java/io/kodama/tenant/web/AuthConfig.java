package io.kodama.tenant.web;

import io.kodama.tenant.AdminToken;
import io.kodama.tenant.Tenants;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfig implements WebMvcConfigurer {

  private final Tenants tenants;
  private final AdminToken adminToken;

  AuthConfig(Tenants tenants, AdminToken adminToken) {
    this.tenants = tenants;
    this.adminToken = adminToken;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AuthInterceptor(tenants, adminToken)).addPathPatterns("/v1/**", "/admin/v1/**");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new TenantArgumentResolver());
  }
}
