package io.kodama.tenant.web;

import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.AdminToken;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** Authenticates {@code /v1} with a tenant's API key and {@code /admin/v1} with the admin token. */
final class AuthInterceptor implements HandlerInterceptor {

  static final String TENANT = AuthInterceptor.class.getName() + ".tenant";

  private final Tenants tenants;
  private final AdminToken adminToken;

  AuthInterceptor(Tenants tenants, AdminToken adminToken) {
    this.tenants = tenants;
    this.adminToken = adminToken;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String bearer = bearer(request);
    if (request.getRequestURI().startsWith("/admin/")) {
      if (!adminToken.matches(bearer)) {
        throw new ApiException(ProblemType.UNAUTHORIZED, "Send the admin token as 'Authorization: Bearer adm_…'");
      }
      return true;
    }
    Tenant tenant = tenants.authenticate(bearer).orElseThrow(() -> new ApiException(ProblemType.UNAUTHORIZED,
        bearer == null ? "Send your API key as 'Authorization: Bearer kdm_…'" : "The API key is not valid or was revoked"));
    request.setAttribute(TENANT, tenant);
    return true;
  }

  private static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
