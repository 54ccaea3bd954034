package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(24));

  @Test
  void followsTheScheduleThenGivesUpAfterTheEighthAttempt() {
    RetryPolicy policy = new RetryPolicy(SCHEDULE, Duration.ofHours(24), () -> 0.5);

    assertThat(policy.maxAttempts()).isEqualTo(8);
    for (int attempt = 1; attempt <= 7; attempt++) {
      assertThat(policy.next(attempt, null)).as("after attempt " + attempt).contains(SCHEDULE.get(attempt - 1));
    }
    assertThat(policy.next(8, null)).isEmpty();
  }

  @Test
  void jittersByAtMostTenPercent() {
    assertThat(new RetryPolicy(SCHEDULE, Duration.ofHours(24), () -> 0.0).next(2, null))
        .contains(Duration.ofSeconds(270));
    assertThat(new RetryPolicy(SCHEDULE, Duration.ofHours(24), () -> 0.999999).next(2, null).orElseThrow())
        .isBetween(Duration.ofSeconds(329), Duration.ofSeconds(330));
  }

  @Test
  void retryAfterReplacesTheScheduleAndIsCapped() {
    RetryPolicy policy = new RetryPolicy(SCHEDULE, Duration.ofHours(1), () -> 0.5);

    assertThat(policy.next(1, Duration.ofSeconds(120))).contains(Duration.ofSeconds(120));
    assertThat(policy.next(1, Duration.ofDays(3))).contains(Duration.ofHours(1));
    assertThat(policy.next(1, Duration.ZERO)).contains(Duration.ofSeconds(1));
    assertThat(policy.next(8, Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    Instant now = Instant.parse("2025-03-01T10:00:00Z");

    assertThat(RetryPolicy.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryPolicy.parseRetryAfter(" 7 ", now)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryPolicy.parseRetryAfter("Sat, 01 Mar 2025 10:05:00 GMT", now)).isEqualTo(Duration.ofMinutes(5));
    assertThat(RetryPolicy.parseRetryAfter("Sat, 01 Mar 2025 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", now)).isEqualTo(Duration.ofDays(365));
    assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
    assertThat(RetryPolicy.parseRetryAfter("-5", now)).isNull();
    assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
  }
}
