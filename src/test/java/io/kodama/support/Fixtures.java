package io.kodama.support;

import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Tenants and numbers that no other test uses, so tests share one database safely. */
public final class Fixtures {

  private static final AtomicInteger NEXT = new AtomicInteger((int) Math.floorMod(System.nanoTime(), 9000L));

  private Fixtures() {}

  public record TestTenant(Tenant tenant, String key) {}

  public static TestTenant tenant(Tenants tenants) {
    return tenant(tenants, Map.of());
  }

  public static TestTenant tenant(Tenants tenants, Map<String, String> settings) {
    Tenant tenant = tenants.create(null, "Test " + NEXT.incrementAndGet(), "JP", "ja", "Kodama Bank", settings);
    return new TestTenant(tenant, tenants.createKey(tenant.id(), "test").key());
  }

  /** A tenant whose deliveries go over the real protocols to the simulators. */
  public static TestTenant e2eTenant(Tenants tenants, Map<String, String> settings) {
    Tenant tenant = tenants.create(TestChannels.REAL_CHANNELS_TENANT_PREFIX + NEXT.incrementAndGet(),
        "E2E " + NEXT.get(), "JP", "ja", "Kodama Bank", settings);
    return new TestTenant(tenant, tenants.createKey(tenant.id(), "test").key());
  }

  /** A Japanese mobile number (090) not used by another test in this run. */
  public static String mobile() {
    return String.format("+8190%04d%04d", 1000 + (NEXT.incrementAndGet() % 9000), (int) Math.floorMod(System.nanoTime(), 10000L));
  }
}
