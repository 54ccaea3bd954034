package io.kodama.simulator.phone;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One call the simulated phone received, once it ended. Holds the code heard: for tests and the
 * console only, never log it.
 *
 * @param callId the SIP Call-ID
 * @param number the dialled number (E.164)
 * @param behaviour what the number does
 * @param startedAt when the INVITE arrived
 * @param answeredAt when the phone answered, or null
 * @param endedAt when the call ended
 * @param outcome how it ended
 * @param sipStatus the final status the phone sent (200 when answered)
 * @param recording the WAV of what the phone heard, or null (unanswered, or kept in memory)
 * @param heardMillis how much audio the phone heard
 * @param digitRuns the runs of digits recognised in what it heard, in order
 * @param recognizedCode the run heard most often (the code), or null
 * @param keysPressed the keys the phone pressed
 */
public record PhoneCall(
    String callId,
    String number,
    PhoneBehaviour behaviour,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    Outcome outcome,
    int sipStatus,
    Path recording,
    long heardMillis,
    List<String> digitRuns,
    String recognizedCode,
    String keysPressed) {

  public PhoneCall {
    digitRuns = List.copyOf(digitRuns);
  }

  public enum Outcome {
    /** Answered; the caller hung up. */
    CALLER_HUNG_UP,
    /** Answered; the phone hung up. */
    PHONE_HUNG_UP,
    /** The caller cancelled while it rang. */
    CANCELLED,
    /** The phone refused the call ({@link #sipStatus}). */
    REFUSED
  }

  @Override
  public String toString() {
    return "PhoneCall[callId=" + callId + ", behaviour=" + behaviour + ", outcome=" + outcome
        + ", sipStatus=" + sipStatus + ", heardMillis=" + heardMillis + ", runs=" + digitRuns.size()
        + "]";
  }
}
