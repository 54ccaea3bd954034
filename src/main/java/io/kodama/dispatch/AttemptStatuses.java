package io.kodama.dispatch;

import java.util.Map;
import java.util.Set;

/** The order of attempt statuses: an attempt never moves back, and a final status is final. */
public final class AttemptStatuses {

  public static final String QUEUED = "queued";

  private static final Map<String, Integer> RANK = Map.ofEntries(
      Map.entry(QUEUED, 0),
      Map.entry("submitted", 1),
      Map.entry("calling", 1),
      Map.entry("answered", 2));

  private static final Set<String> FINAL = Set.of(
      "delivered", "undelivered", "failed",
      "completed", "hung_up_early", "busy", "no_answer", "rejected", "no_input", "invalid_number");

  private AttemptStatuses() {}

  public static boolean isFinal(String status) {
    return FINAL.contains(status);
  }

  public static boolean isKnown(String status) {
    return RANK.containsKey(status) || FINAL.contains(status);
  }

  /** Whether an attempt in {@code current} may move to {@code next}. */
  static boolean canMove(String current, String next) {
    if (isFinal(current) || current.equals(next)) {
      return false;
    }
    return isFinal(next) || RANK.get(next) > RANK.get(current);
  }
}
