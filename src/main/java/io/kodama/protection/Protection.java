package io.kodama.protection;

import io.kodama.dispatch.Channel;
import io.kodama.phone.MaskedNumber;
import io.kodama.phone.PhoneNumber;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the verification module asks before a send goes out and tells when a verification is
 * approved. Refusals are problems with a stable type; none of them depends on whether a number
 * belongs to anyone, only on the number's country, range and the counts of sends.
 */
@Service
public class Protection {

  private static final Logger log = LoggerFactory.getLogger(Protection.class);
  private static final List<String> REFUSALS = List.of("phone_already_bound", "country_not_allowed",
      "destination_blocked", "spend_cap_reached", "rate_limited");

  private final Tenants tenants;
  private final PhoneBindings bindings;
  private final PumpingGuard pumping;
  private final SpendCounter spend;
  private final RateLimiter limiter;
  private final MeterRegistry meters;

  Protection(Tenants tenants, PhoneBindings bindings, PumpingGuard pumping, SpendCounter spend, RateLimiter limiter,
      MeterRegistry meters) {
    this.tenants = tenants;
    this.bindings = bindings;
    this.pumping = pumping;
    this.spend = spend;
    this.limiter = limiter;
    this.meters = meters;
    REFUSALS.forEach(r -> meters.counter("kodama.protection.refusals", "reason", r));
  }

  /**
   * Admits a send or refuses it, in this order: a signup for a number bound to another member;
   * a country the tenant does not send to on the channel; a blocked destination (a new
   * verification may block it now); the daily spend cap of the channel; the rate limits. Call it
   * before the transaction that queues the send.
   *
   * @throws ApiException {@code phone-already-bound}, {@code country-not-allowed}, {@code
   *     destination-blocked}, {@code spend-cap-reached} or {@code rate-limited} (with {@code limit})
   */
  public void admit(SendRequest request) {
    Tenant tenant = request.tenant();
    TenantProtection p = TenantProtection.of(tenant);
    PhoneNumber number = request.number();
    try {
      if (!request.resend() && "signup".equals(request.purpose())) {
        bindings.refuseSignupOfBoundNumber(tenant, p, number, request.externalRef());
      }
      if (!p.allows(request.channel(), number.region())) {
        throw new ApiException(ProblemType.COUNTRY_NOT_ALLOWED,
            "This account does not send " + (request.channel() == Channel.SMS ? "SMS" : "calls") + " to "
                + number.region() + " numbers").with("country", number.region()).with("channel", request.channel().wire());
      }
      pumping.requireOpen(tenant, p, number, !request.resend());
      spend.requireBelowCap(tenant, p, request.channel());
      limiter.take(tenant, p, number.e164(), request.clientIp());
    } catch (ApiException refused) {
      String reason = refused.type().slug().replace('-', '_');
      meters.counter("kodama.protection.refusals", "reason", reason).increment();
      log.info("Send to {} for tenant {} refused: {}", MaskedNumber.of(number.e164()), tenant.id(),
          refused.properties().getOrDefault("limit", reason));
      throw refused;
    }
  }

  /**
   * Whether the workflow may deliver to a number on its own initiative (the automatic fallback
   * call): the channel is allowed for the country, the destination is not blocked, and the day's
   * cap is not reached. Rate limits count only the sends clients ask for.
   */
  public boolean mayDeliver(String tenantId, String e164, String country, Channel channel) {
    TenantProtection p = TenantProtection.of(tenants.get(tenantId));
    return p.allows(channel, country) && !pumping.isBlocked(tenantId, e164, country)
        && spend.belowCap(tenantId, p, channel);
  }

  /** Counts a verification started at {@code at}; call it in the transaction that creates it. */
  public void started(String tenantId, String verificationId, PhoneNumber number, Instant at) {
    pumping.recordSend(tenantId, verificationId, number, at);
  }

  /**
   * Counts an approval for the pumping guard and binds the number of an approved {@code signup}
   * with an {@code externalRef}; call it in the transaction that approves the verification.
   *
   * @param country the number's country, as {@link #started} was told
   * @param startedAt when the verification was started, as {@link #started} was told
   */
  public void approved(String tenantId, String verificationId, String e164, String country, Instant startedAt,
      String purpose, String externalRef) {
    pumping.recordApproval(tenantId, e164, country, startedAt);
    if ("signup".equals(purpose)) {
      bindings.bindAfterSignup(tenantId, verificationId, e164, externalRef);
    }
  }
}
