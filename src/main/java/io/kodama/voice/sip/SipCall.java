package io.kodama.voice.sip;

/** A call placed by {@link SipEndpoint#call}. Thread-safe. */
public interface SipCall {

  /** The SIP Call-ID. */
  String id();

  /** Ends the call: BYE once answered, CANCEL while it rings. Safe to call more than once. */
  void hangup();
}
