package io.kodama.voice.call;

import java.time.Duration;
import java.util.Objects;

/**
 * The timers of a voice call.
 *
 * @param ringTimeout ring this long, then CANCEL ({@code no_answer}); default 30 s
 * @param gateTimeout wait this long for the gate key after the gate prompt ({@code no_input});
 *     default 10 s
 * @param repeatWindow after "to hear it again, press 1", wait this long for the key before
 *     saying goodbye; default 3 s
 * @param maxCallDuration hang up an answered call after this long whatever happens; default 5 min
 */
public record CallTimings(
    Duration ringTimeout, Duration gateTimeout, Duration repeatWindow, Duration maxCallDuration) {

  public CallTimings {
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    Objects.requireNonNull(gateTimeout, "gateTimeout");
    Objects.requireNonNull(repeatWindow, "repeatWindow");
    Objects.requireNonNull(maxCallDuration, "maxCallDuration");
  }

  public static CallTimings defaults() {
    return new CallTimings(
        Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofMinutes(5));
  }
}
