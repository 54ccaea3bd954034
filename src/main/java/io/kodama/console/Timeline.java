package io.kodama.console;

import io.kodama.dispatch.Attempt;
import io.kodama.dispatch.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verification's story, oldest first: created, each attempt queued and its outcome (SMS receipt,
 * call result, with the channel's details), webhook deliveries, and how it closed.
 */
final class Timeline {

  /**
   * One step.
   *
   * @param kind {@code created}, {@code attempt}, {@code outcome}, {@code webhook} or {@code closed}
   * @param channel {@code sms}, {@code voice} or null
   * @param status the status word shown (attempt status, verification status, delivery status)
   * @param reason why, when there is a reason
   * @param tone {@code ok}, {@code bad}, {@code wait} or {@code info}: the colour of the dot
   */
  record Step(Instant at, String kind, String channel, String status, String reason, Map<String, Object> detail,
      String tone) {}

  private Timeline() {}

  static List<Step> of(ConsoleQueries.Row verification, List<Attempt> attempts, List<Step> extra) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(verification.createdAt(), "created", null, "pending", null, Map.of(), "info"));
    Attempt previous = null;
    for (Attempt attempt : attempts) {
      steps.add(new Step(attempt.createdAt(), "attempt", attempt.channel().wire(), "queued",
          startReason(attempt, previous), Map.of(), "wait"));
      if (!"queued".equals(attempt.status())) {
        Map<String, Object> detail = new LinkedHashMap<>(attempt.detail());
        detail.remove("test");
        String reason = attempt.reason() == null || START_REASONS.contains(attempt.reason()) ? null : attempt.reason();
        steps.add(new Step(attempt.updatedAt(), "outcome", attempt.channel().wire(), attempt.status(),
            reason, detail, tone(attempt.status())));
      }
      previous = attempt;
    }
    steps.addAll(extra);
    if (!"pending".equals(verification.status())) {
      steps.add(new Step(verification.updatedAt(), "closed", null, verification.status(), verification.statusReason(),
          Map.of(), "approved".equals(verification.status()) ? "ok" : "bad"));
    }
    steps.sort(Comparator.comparing(Step::at));
    return steps;
  }

  /** Why an attempt was started; an attempt's failure replaces its reason, so a fallback is inferred. */
  private static String startReason(Attempt attempt, Attempt previous) {
    if (attempt.reason() != null && START_REASONS.contains(attempt.reason())) {
      return attempt.reason();
    }
    if (attempt.channel() == Channel.VOICE && previous != null && previous.channel() == Channel.SMS) {
      return switch (previous.status()) {
        case "undelivered" -> "sms_undelivered";
        case "failed" -> "sms_failed";
        default -> "sms_no_receipt";
      };
    }
    return null;
  }

  static final Set<String> START_REASONS = Set.of("sms_undelivered", "sms_failed", "sms_no_receipt",
      "sms_failed_before", "client_resend", "client_resend_new_code");

  static String tone(String status) {
    return switch (status) {
      case "delivered", "completed", "answered", "succeeded" -> "ok";
      case "queued", "submitted", "calling", "retrying" -> "wait";
      default -> "bad";
    };
  }
}
