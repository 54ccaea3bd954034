package io.kodama.protection;

import io.kodama.phone.MaskedNumber;
import io.kodama.phone.PhoneNumber;
import io.kodama.system.ApiException;
import io.kodama.system.Db;
import io.kodama.system.Ids;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * One member per phone. With {@code protection.bindings.one-member-per-phone}, an approved {@code
 * signup} verification with an {@code externalRef} binds its number to that member, and a signup
 * for a number bound to another member is refused with {@code phone-already-bound}. With {@code
 * protection.bindings.hash-numbers} the number is kept only as a keyed hash (HMAC-SHA256 with a key
 * derived from the server secret, per tenant), which still matches but cannot be read back.
 */
@Service
public class PhoneBindings {

  private static final Logger log = LoggerFactory.getLogger(PhoneBindings.class);

  private final JdbcTemplate jdbc;
  private final NumberKeys keys;
  private final Tenants tenants;
  private final Clock clock;

  PhoneBindings(JdbcTemplate jdbc, NumberKeys keys, Tenants tenants, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.tenants = tenants;
    this.clock = clock;
  }

  /** The tenant's bindings, oldest first, optionally of one number or one member. */
  public List<PhoneBinding> list(Tenant tenant, PhoneNumber number, String externalRef, int limit) {
    StringBuilder sql = new StringBuilder("select * from phone_bindings where tenant_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant.id()));
    if (number != null) {
      sql.append(" and number_key in (?, ?)");
      args.add(number.e164());
      args.add(keys.binding(tenant.id(), number.e164()));
    }
    if (externalRef != null) {
      sql.append(" and external_ref = ?");
      args.add(externalRef);
    }
    sql.append(" order by created_at, id fetch first ").append(Math.max(1, Math.min(limit, 500))).append(" rows only");
    return jdbc.query(sql.toString(), PhoneBindings::binding, args.toArray());
  }

  /** Releases a binding of the tenant, so the number can sign up another member. */
  public void release(Tenant tenant, String id) {
    if (jdbc.update("delete from phone_bindings where id = ? and tenant_id = ?", id, tenant.id()) == 0) {
      throw ApiException.notFound("phone binding", id);
    }
    log.info("Phone binding {} of tenant {} released", id, tenant.id());
  }

  /** @throws ApiException {@code phone-already-bound} when another member holds the number */
  void refuseSignupOfBoundNumber(Tenant tenant, TenantProtection p, PhoneNumber number, String externalRef) {
    if (!p.oneMemberPerPhone()) {
      return;
    }
    Optional<PhoneBinding> bound = find(tenant.id(), number.e164());
    if (bound.isPresent() && !bound.get().externalRef().equals(externalRef)) {
      throw new ApiException(ProblemType.PHONE_ALREADY_BOUND,
          "This number is already bound to another member; release the binding to sign up a new member with it")
          .with("bindingId", bound.get().id());
    }
  }

  /** Binds the number of an approved signup; runs in the approving transaction. */
  void bindAfterSignup(String tenantId, String verificationId, String e164, String externalRef) {
    Tenant tenant = tenants.get(tenantId);
    TenantProtection p = TenantProtection.of(tenant);
    if (!p.oneMemberPerPhone() || externalRef == null) {
      return;
    }
    Optional<PhoneBinding> bound = find(tenantId, e164);
    if (bound.isPresent()) {
      if (!bound.get().externalRef().equals(externalRef)) {
        // two signups raced; the first approval keeps the number
        log.warn("Signup {} approved for {} already bound by binding {}", verificationId, MaskedNumber.of(e164),
            bound.get().id());
      }
      return;
    }
    String key = p.hashNumbers() ? keys.binding(tenantId, e164) : e164;
    jdbc.update("insert into phone_bindings (id, tenant_id, number_key, number_masked, external_ref, verification_id,"
            + " created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
        Ids.next("pbd", clock), tenantId, key, p.hashNumbers() ? null : MaskedNumber.of(e164), externalRef,
        verificationId, Db.ts(clock.instant()));
  }

  private Optional<PhoneBinding> find(String tenantId, String e164) {
    return jdbc.query("select * from phone_bindings where tenant_id = ? and number_key in (?, ?)"
            + " order by created_at fetch first 1 rows only",
        PhoneBindings::binding, tenantId, e164, keys.binding(tenantId, e164)).stream().findFirst();
  }

  private static PhoneBinding binding(ResultSet rs, int i) throws SQLException {
    Instant created = Db.instant(rs, "created_at");
    return new PhoneBinding(rs.getString("id"), rs.getString("number_masked"), rs.getString("external_ref"),
        rs.getString("verification_id"), created);
  }
}
