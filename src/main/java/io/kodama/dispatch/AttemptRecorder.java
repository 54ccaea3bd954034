package io.kodama.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what channels report. An update applies only to the status it was decided on (two
 * reports at once: the second is decided again on the first's outcome), never moves an attempt
 * backwards, and a repeated report changes nothing, so late or duplicated receipts are harmless.
 */
@Component
class AttemptRecorder implements AttemptUpdates {

  private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

  private final AttemptRepository attempts;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AttemptRecorder(AttemptRepository attempts, ApplicationEventPublisher events, Clock clock) {
    this.attempts = attempts;
    this.events = events;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void record(String attemptId, String status, String reason, Map<String, Object> detail) {
    if (!AttemptStatuses.isKnown(status)) {
      throw new IllegalArgumentException("Unknown attempt status " + status);
    }
    // optimistic: the update applies only to the status read, else the attempt is read again (no
    // select … for update: H2 parses such a statement at every call instead of caching it)
    while (true) {
      AttemptRepository.Row row = attempts.find(attemptId).orElse(null);
      if (row == null) {
        log.warn("Update {} for unknown attempt {}", status, attemptId);
        return;
      }
      Attempt current = row.attempt();
      if (!AttemptStatuses.canMove(current.status(), status)) {
        log.debug("Attempt {} stays {} (reported {})", attemptId, current.status(), status);
        return;
      }
      Map<String, Object> merged = new LinkedHashMap<>(current.detail());
      if (detail != null) {
        merged.putAll(detail);
      }
      String newReason = reason != null ? reason : current.reason();
      Instant now = clock.instant();
      if (attempts.update(attemptId, current.status(), status, newReason, merged, now)) {
        log.info("Attempt {} {} {} → {}{}", attemptId, current.channel().wire(), current.status(), status,
            reason == null ? "" : " (" + reason + ")");
        events.publishEvent(new AttemptChanged(attemptId, current.verificationId(), row.tenantId(), current.channel(),
            status, newReason, merged, now));
        return;
      }
    }
  }
}
