package io.kodama.console;

import io.kodama.simulator.phone.PhoneCall;
import io.kodama.simulator.phone.SimulatedPhone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The simulated phone's call log as the demo page shows it: newest first, with what the phone heard
 * (the handset's own screen) and its recording. Empty when the simulated phone does not run.
 */
@Component
final class PhoneLog {

  /**
   * One call the simulated phone received.
   *
   * @param heardCode the digits the phone recognised in what it heard
   */
  record Call(String id, String behaviour, String outcome, int sipStatus, Instant startedAt, Instant answeredAt,
      Instant endedAt, long heardMillis, String heardCode, boolean hasRecording) {}

  private final ObjectProvider<SimulatedPhone> phone;

  PhoneLog(ObjectProvider<SimulatedPhone> phone) {
    this.phone = phone;
  }

  boolean available() {
    return phone.getIfAvailable() != null;
  }

  List<Call> calls(String e164) {
    SimulatedPhone simulated = phone.getIfAvailable();
    if (simulated == null) {
      return List.of();
    }
    List<Call> out = new ArrayList<>();
    for (PhoneCall c : simulated.calls(e164)) {
      out.add(new Call(c.callId(), c.behaviour().kind().name(), c.outcome().name(), c.sipStatus(), c.startedAt(),
          c.answeredAt(), c.endedAt(), c.heardMillis(), c.recognizedCode(),
          c.recording() != null && Files.isReadable(c.recording())));
    }
    Collections.reverse(out);
    return out;
  }

  Set<String> numbers() {
    SimulatedPhone simulated = phone.getIfAvailable();
    Set<String> numbers = new TreeSet<>();
    if (simulated != null) {
      simulated.calls().forEach(c -> numbers.add(c.number()));
    }
    return numbers;
  }

  /** The WAV file of a call, when it was recorded to a file. */
  Optional<Path> recording(String callId) {
    SimulatedPhone simulated = phone.getIfAvailable();
    if (simulated == null) {
      return Optional.empty();
    }
    return simulated.calls().stream().filter(c -> c.callId().equals(callId)).findFirst()
        .map(PhoneCall::recording).filter(Files::isReadable);
  }
}
