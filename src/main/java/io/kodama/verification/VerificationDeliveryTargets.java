package io.kodama.verification;

import io.kodama.dispatch.Channel;
import io.kodama.dispatch.DeliveryTargets;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
final class VerificationDeliveryTargets implements DeliveryTargets {

  private final Verifications verifications;
  private final Tenants tenants;
  private final Clock clock;

  VerificationDeliveryTargets(Verifications verifications, Tenants tenants, Clock clock) {
    this.verifications = verifications;
    this.tenants = tenants;
    this.clock = clock;
  }

  @Override
  public Optional<DeliveryTask> task(String verificationId, String attemptId, Channel channel) {
    Optional<VerificationRepository.Stored> stored = verifications.stored(verificationId);
    Optional<String> code = stored.flatMap(verifications::codeForDelivery);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    Verification v = stored.get().verification();
    Tenant tenant = tenants.get(v.tenantId());
    long seconds = Math.max(0, Duration.between(clock.instant(), v.expiresAt()).toSeconds());
    int minutes = (int) Math.max(1, (seconds + 59) / 60);
    Map<String, String> settings = new HashMap<>(tenant.effectiveSettings());
    TransactionDetails payment = stored.get().transaction();
    if (payment != null) {
      settings.put(DeliveryTask.PAYMENT_AMOUNT, payment.amount());
      settings.put(DeliveryTask.PAYMENT_CURRENCY, payment.currency());
      settings.put(DeliveryTask.PAYMENT_PAYEE, payment.payee());
    }
    return Optional.of(new DeliveryTask(attemptId, verificationId, v.tenantId(), v.to(), code.get(), v.locale(),
        tenant.brand(), minutes, v.purpose(), settings));
  }
}
