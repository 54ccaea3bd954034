package io.kodama.voice.sip;

/**
 * How a call ended.
 *
 * @param kind what ended it
 * @param sipStatus the final SIP status seen (200 for an answered call, the error status of a
 *     failed one, 408 when nothing answered), or 0 when none applies
 * @param answered whether the call was answered
 */
public record SipCallEnd(Kind kind, int sipStatus, boolean answered) {

  public enum Kind {
    /** We hung up (BYE) after the call was answered. */
    LOCAL_HANGUP,
    /** The other side sent BYE. */
    REMOTE_HANGUP,
    /** The INVITE got a final error response ({@link #sipStatus}). */
    FINAL_RESPONSE,
    /** Nobody answered within the ring timeout; the call was cancelled. */
    RING_TIMEOUT,
    /** We cancelled before an answer for another reason. */
    CANCELLED,
    /** No response at all to the INVITE (transaction timeout). */
    NO_RESPONSE,
    /** Answered without a usable audio stream (no PCMU/PCMA); we hung up. */
    NO_MEDIA,
    /** The request could not be sent. */
    ERROR
  }
}
