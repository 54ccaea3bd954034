package io.kodama.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Server-wide settings.
 *
 * @param secret the server secret (at least 32 characters) that keys code hashes, sealed codes and
 *     derived tokens; when empty, one is generated on first start and kept in {@code
 *     <data-dir>/secret.key}. Several nodes must share the same value.
 * @param dataDir where the embedded database, the generated secret and recordings live
 * @param adminToken the bearer token of the admin API ({@code /admin/v1}); when empty, one is
 *     derived from the secret and printed at start
 */
@Validated
@ConfigurationProperties("kodama")
public record KodamaProperties(
    @Size(min = 32, message = "kodama.secret must be at least 32 characters (or left empty to generate one)")
        String secret,
    @NotBlank @DefaultValue("./data") String dataDir,
    @Size(min = 24, message = "kodama.admin-token must be at least 24 characters") String adminToken) {

  public KodamaProperties {
    secret = secret == null || secret.isBlank() ? null : secret;
    adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
  }
}
