package io.kodama.voice.sip;

/** What happens to an {@link InboundCall}. Called on SIP stack threads; must not block. */
public interface InboundCallListener {

  /** The ACK for our 200 OK arrived. */
  default void onConfirmed() {}

  /** A key press arrived in SIP INFO. */
  default void onDigit(char digit) {}

  /**
   * The call is over: the caller hung up (BYE), cancelled, or we hung up or rejected. Called once.
   *
   * @param byCaller true when the caller ended it (BYE or CANCEL)
   */
  default void onEnded(boolean byCaller) {}
}
