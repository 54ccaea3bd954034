package io.kodama.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: the configured schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
 * 24 h by default) with ±10 % jitter, or the receiver's {@code Retry-After} (capped) when it sent
 * one; after the last step, give up.
 */
final class RetryPolicy {

  private static final Duration MIN_WAIT = Duration.ofSeconds(1);

  private final List<Duration> schedule;
  private final Duration maxRetryAfter;
  private final DoubleSupplier random;

  RetryPolicy(List<Duration> schedule, Duration maxRetryAfter, DoubleSupplier random) {
    this.schedule = List.copyOf(schedule);
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
  }

  /** Attempts in all: the first and one per step of the schedule. */
  int maxAttempts() {
    return schedule.size() + 1;
  }

  /**
   * The wait after attempt {@code attempt} (1 for the first) failed, or empty when that was the last.
   *
   * @param retryAfter what the receiver asked for, if anything
   */
  Optional<Duration> next(int attempt, Duration retryAfter) {
    if (attempt >= maxAttempts()) {
      return Optional.empty();
    }
    if (retryAfter != null) {
      Duration capped = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
      return Optional.of(capped.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : capped);
    }
    Duration base = schedule.get(attempt - 1);
    double factor = 0.9 + 0.2 * random.getAsDouble();
    Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * factor));
    return Optional.of(jittered.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : jittered);
  }

  /** A {@code Retry-After} value: delay seconds or an HTTP date; null when absent or unreadable. */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(trimmed));
      } catch (NumberFormatException tooLong) {
        return Duration.ofDays(365);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
