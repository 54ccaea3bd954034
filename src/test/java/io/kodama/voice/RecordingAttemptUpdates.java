package io.kodama.voice;

import io.kodama.dispatch.AttemptUpdates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Keeps every update, and lets a test wait for an attempt's final status. */
public final class RecordingAttemptUpdates implements AttemptUpdates {

  public static final Set<String> FINAL =
      Set.of("completed", "hung_up_early", "busy", "no_answer", "rejected", "no_input",
          "invalid_number", "failed");

  public record Update(String attemptId, String status, String reason, Map<String, Object> detail) {}

  private final List<Update> updates = new ArrayList<>();

  @Override
  public synchronized void record(
      String attemptId, String status, String reason, Map<String, Object> detail) {
    updates.add(new Update(attemptId, status, reason, Map.copyOf(detail)));
    notifyAll();
  }

  public synchronized List<Update> of(String attemptId) {
    return updates.stream().filter(u -> u.attemptId().equals(attemptId)).toList();
  }

  public synchronized List<String> statuses(String attemptId) {
    return of(attemptId).stream().map(Update::status).toList();
  }

  /** Waits for the attempt's final status; throws AssertionError when it does not come. */
  public synchronized Update awaitFinal(String attemptId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Update u : updates) {
        if (u.attemptId().equals(attemptId) && FINAL.contains(u.status())) {
          return u;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no final status for " + attemptId + ", got " + statuses(attemptId));
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
