package io.kodama.tenant;

import io.kodama.system.ServerSecret;
import java.io.PrintStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The default run's demo tenant. Its API key is derived from the server secret, so the same key
 * is printed at every start; the banner goes to standard output, never to the log.
 */
@Component
@ConditionalOnProperty(name = "kodama.demo.enabled", havingValue = "true")
final class DemoTenant {

  static final String ID = "ten_demo";

  private final Tenants tenants;
  private final ServerSecret secret;
  private final AdminToken adminToken;
  private final String baseUrl;

  DemoTenant(Tenants tenants, ServerSecret secret, AdminToken adminToken,
      @Value("${kodama.public-url:http://localhost:${server.port:8080}}") String baseUrl) {
    this.tenants = tenants;
    this.secret = secret;
    this.adminToken = adminToken;
    this.baseUrl = baseUrl;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    if (tenants.find(ID).isEmpty()) {
      tenants.create(ID, "Kodama Demo", "JP", "ja", "Kodama Bank", java.util.Map.of());
    }
    String key = "kdm_demo_" + secret.derivedToken("demo-api-key", 32);
    tenants.ensureKey(ID, "demo", key);
    PrintStream out = System.out;
    out.println();
    out.println("  Kodama is running: " + baseUrl);
    out.println("    API docs      " + baseUrl + "/swagger-ui.html");
    out.println("    Demo API key  " + key + "   (tenant " + ID + ")");
    out.println("    Admin token   " + adminToken.value());
    out.println();
    out.println("  Try:  curl -s " + baseUrl + "/v1/verifications -H 'Authorization: Bearer " + key + "' \\");
    out.println("          -H 'Content-Type: application/json' -d '{\"to\":\"090-0000-0001\"}'");
    out.println();
  }
}
