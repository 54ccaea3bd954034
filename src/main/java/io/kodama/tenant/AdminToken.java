package io.kodama.tenant;

import io.kodama.system.KodamaProperties;
import io.kodama.system.ServerSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/** The bearer token of the admin API: configured, or derived from the server secret. */
@Component
public final class AdminToken {

  private final String token;

  AdminToken(KodamaProperties properties, ServerSecret secret) {
    this.token = properties.adminToken() != null ? properties.adminToken() : "adm_" + secret.derivedToken("admin-token", 32);
  }

  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** For the start banner of the demo run only. */
  public String value() {
    return token;
  }
}
