package io.kodama.voice.sip;

/**
 * What happens to a call placed by {@link SipEndpoint#call}. Called on SIP stack threads, possibly
 * concurrently for different calls, never concurrently for one call except {@link #onDigit}.
 * Implementations must not block.
 */
public interface SipCallListener {

  /** 180/183 arrived. */
  default void onRinging() {}

  /** 200 OK arrived and was acknowledged; audio may flow to {@code media}. */
  void onAnswered(MediaDescription media);

  /** A re-INVITE moved the other side's audio. */
  default void onMediaChanged(MediaDescription media) {}

  /** A key press signalled in SIP INFO (application/dtmf-relay or application/dtmf). */
  default void onDigit(char digit) {}

  /** The call is over; called exactly once. */
  void onEnded(SipCallEnd end);
}
