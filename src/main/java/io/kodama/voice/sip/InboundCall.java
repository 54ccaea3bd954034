package io.kodama.voice.sip;

/** A call arriving at an endpoint started with an {@link InboundCallHandler}. Thread-safe. */
public interface InboundCall {

  String id();

  /** The user part of the request URI: the dialled number. */
  String dialled();

  /** The user part of From. */
  String caller();

  /** The caller's audio as offered, or null when the offer had no usable G.711 audio. */
  MediaDescription offer();

  /** Sets who hears about this call; set it inside {@link InboundCallHandler#onInvite}. */
  void listen(InboundCallListener listener);

  /** Sends 180 Ringing. */
  void ring();

  /** Rejects with a final status (486, 603, 404, …). */
  void reject(int status);

  /**
   * Answers with 200 OK and an SDP answer naming our RTP address and the codec chosen from the
   * offer.
   *
   * @return the caller's audio to send our key presses to
   */
  MediaDescription answer(String rtpHost, int rtpPort);

  /** Sends a key press as SIP INFO (application/dtmf-relay). */
  void sendInfoDigit(char digit);

  /** BYE once answered; 480 before. */
  void hangup();
}
