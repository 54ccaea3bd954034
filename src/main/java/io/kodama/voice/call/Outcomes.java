package io.kodama.voice.call;

import io.kodama.voice.sip.SipCallEnd;

/** Attempt statuses for calls that were never answered, from how the SIP side ended. */
final class Outcomes {

  static final String CALLING = "calling";
  static final String ANSWERED = "answered";
  static final String COMPLETED = "completed";
  static final String HUNG_UP_EARLY = "hung_up_early";
  static final String BUSY = "busy";
  static final String NO_ANSWER = "no_answer";
  static final String REJECTED = "rejected";
  static final String NO_INPUT = "no_input";
  static final String INVALID_NUMBER = "invalid_number";
  static final String FAILED = "failed";

  private Outcomes() {}

  /** The status of a call that ended before it was answered. */
  static String unanswered(SipCallEnd end) {
    return switch (end.kind()) {
      case RING_TIMEOUT -> NO_ANSWER;
      case FINAL_RESPONSE -> ofStatus(end.sipStatus());
      default -> FAILED;
    };
  }

  static String ofStatus(int status) {
    return switch (status) {
      case 486, 600 -> BUSY;
      case 480, 408, 487 -> NO_ANSWER;
      case 603 -> REJECTED;
      case 404, 484 -> INVALID_NUMBER;
      default -> FAILED;
    };
  }

  /** The reason recorded with a status: {@code sip_486}, {@code ring_timeout}, … */
  static String reason(SipCallEnd end) {
    return switch (end.kind()) {
      case RING_TIMEOUT -> "ring_timeout";
      case NO_RESPONSE -> "no_response";
      case NO_MEDIA -> "no_common_codec";
      case ERROR -> "signalling_error";
      case CANCELLED -> "cancelled";
      default -> end.sipStatus() > 0 ? "sip_" + end.sipStatus() : null;
    };
  }
}
