package io.kodama.tenant.web;

import io.kodama.tenant.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers of {@code /v1} the authenticated {@link Tenant} as a parameter. */
final class TenantArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Tenant.class;
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
      NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
    Object tenant = webRequest.getNativeRequest(HttpServletRequest.class).getAttribute(AuthInterceptor.TENANT);
    if (tenant == null) {
      throw new IllegalStateException("No authenticated tenant for " + parameter.getMethod());
    }
    return tenant;
  }
}
