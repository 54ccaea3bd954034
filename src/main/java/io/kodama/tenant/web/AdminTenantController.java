package io.kodama.tenant.web;

import io.kodama.tenant.ApiKeyInfo;
import io.kodama.tenant.IssuedKey;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators manage tenants and API keys here, with the admin token. */
@RestController
@RequestMapping(path = "/admin/v1/tenants", produces = "application/json")
@Tag(name = "Admin: tenants and API keys")
@SecurityRequirement(name = "admin")
class AdminTenantController {

  private final Tenants tenants;

  AdminTenantController(Tenants tenants) {
    this.tenants = tenants;
  }

  record CreateTenant(
      @Pattern(regexp = "ten_[A-Za-z0-9_]{1,36}", message = "must look like ten_acme") String id,
      @NotBlank @Size(max = 200) String name,
      @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 country code such as JP") String region,
      @Pattern(regexp = "ja|en", message = "must be ja or en") String locale,
      @Size(max = 60) String brand,
      Map<String, String> settings) {}

  record UpdateTenant(
      @Size(max = 60) String brand,
      @Pattern(regexp = "ja|en", message = "must be ja or en") String locale,
      Map<String, String> settings) {}

  record CreateKey(@Size(max = 200) String name) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a tenant")
  Tenant create(@Valid @RequestBody CreateTenant body) {
    return tenants.create(body.id(), body.name(), body.region(), body.locale(), body.brand(), body.settings());
  }

  @GetMapping
  @Operation(summary = "List tenants")
  List<Tenant> list() {
    return tenants.list();
  }

  @GetMapping("/{tenantId}")
  @Operation(summary = "Read a tenant")
  Tenant get(@PathVariable String tenantId) {
    return tenants.get(tenantId);
  }

  @PatchMapping("/{tenantId}")
  @Operation(summary = "Change brand, locale or settings (a null setting value removes the override)")
  Tenant update(@PathVariable String tenantId, @Valid @RequestBody UpdateTenant body) {
    return tenants.update(tenantId, body.brand(), body.locale(), body.settings());
  }

  @PostMapping("/{tenantId}/keys")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Issue an API key", description = "The key is returned once; Kodama keeps only its hash.")
  IssuedKey createKey(@PathVariable String tenantId, @Valid @RequestBody(required = false) CreateKey body) {
    return tenants.createKey(tenantId, body == null ? null : body.name());
  }

  @GetMapping("/{tenantId}/keys")
  @Operation(summary = "List API keys (prefixes only)")
  List<ApiKeyInfo> keys(@PathVariable String tenantId) {
    tenants.get(tenantId);
    return tenants.keys(tenantId);
  }

  @DeleteMapping("/{tenantId}/keys/{keyId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke an API key")
  void revokeKey(@PathVariable String tenantId, @PathVariable String keyId) {
    tenants.revokeKey(tenantId, keyId);
  }
}
