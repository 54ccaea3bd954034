package io.kodama.console;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The simulated phone's call log, as the demo page shows it (present when the voice simulator runs). */
interface DemoCalls {

  /**
   * One call the simulated phone received.
   *
   * @param heardCode the digits the phone recognised in what it heard: the handset's own screen
   */
  record Call(String id, String behaviour, String outcome, int sipStatus, Instant startedAt, Instant answeredAt,
      Instant endedAt, long heardMillis, String heardCode, boolean hasRecording) {}

  List<Call> calls(String e164);

  Set<String> numbers();

  /** The WAV file of a call, when it was recorded. */
  Optional<Path> recording(String callId);
}
