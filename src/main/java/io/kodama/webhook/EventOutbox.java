package io.kodama.webhook;

import io.kodama.dispatch.AttemptChanged;
import io.kodama.phone.MaskedNumber;
import io.kodama.protection.NumberReachabilityChanged;
import io.kodama.protection.ProtectionBlocked;
import io.kodama.verification.Verification;
import io.kodama.verification.VerificationChanged;
import io.kodama.verification.VerificationFacts;
import io.kodama.verification.Verifications;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns state changes into events. Listens synchronously, inside the publisher's transaction, so an
 * event row and its delivery jobs commit or roll back with the change.
 */
@Component
final class EventOutbox {

  private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

  private final WebhookEvents events;
  private final Verifications verifications;

  EventOutbox(WebhookEvents events, Verifications verifications) {
    this.events = events;
    this.verifications = verifications;
  }

  @EventListener
  void on(VerificationChanged change) {
    if (!EventTypes.isKnown(change.type())) {
      log.warn("Verification {} announced unknown type {}; no event written", change.verification().id(), change.type());
      return;
    }
    Verification v = change.verification();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", v.status());
    data.put("statusReason", v.statusReason());
    data.put("channel", v.channel());
    events.append(v.tenantId(), change.type(), v.id(), v.externalRef(), v.to(), data, change.at(), null);
  }

  @EventListener
  void on(AttemptChanged change) {
    String type = EventTypes.forAttempt(change.channel(), change.status(), change.reason());
    if (type == null) {
      return;
    }
    VerificationFacts facts = verifications.facts(change.verificationId())
        .orElseThrow(() -> new IllegalStateException("Attempt " + change.attemptId() + " of unknown verification "
            + change.verificationId()));
    Map<String, Object> data = new LinkedHashMap<>();
    if (EventTypes.FALLBACK_STARTED.equals(type)) {
      data.put("reason", change.reason());
    }
    data.put("attempt", attempt(change));
    events.append(change.tenantId(), type, change.verificationId(), facts.externalRef(), facts.to(), data,
        change.at(), null);
  }

  @EventListener
  void on(ProtectionBlocked block) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("blockId", block.blockId());
    data.put("scope", block.scope());
    data.put("destination", "prefix".equals(block.scope()) ? MaskedNumber.of(block.destination()) : block.destination());
    data.put("country", block.country());
    data.put("sends", block.sends());
    data.put("approvals", block.approvals());
    data.put("until", block.until().toString());
    events.append(block.tenantId(), EventTypes.PROTECTION_BLOCKED, null, null, null, data, block.at(), null);
  }

  @EventListener
  void on(NumberReachabilityChanged change) {
    VerificationFacts facts = verifications.facts(change.verificationId()).orElse(null);
    events.append(change.tenantId(), change.type(), change.verificationId(),
        facts == null ? null : facts.externalRef(), facts == null ? null : facts.to(), Map.of(), change.at(), null);
  }

  /** The attempt as events show it. {@code detail} is what the channel reported (never the code). */
  static Map<String, Object> attempt(AttemptChanged change) {
    Map<String, Object> detail = new LinkedHashMap<>(change.detail());
    detail.remove("code"); // channels never report it; this keeps a mistake from reaching a client
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("id", change.attemptId());
    attempt.put("channel", change.channel().wire());
    attempt.put("status", change.status());
    attempt.put("reason", change.reason());
    attempt.put("detail", detail);
    return attempt;
  }
}
