package io.kodama.voice.sip;

/**
 * Where and how to send the audio of one call, as negotiated in SDP.
 *
 * @param host the RTP address of the other side
 * @param port the RTP port of the other side
 * @param payloadType the negotiated G.711 payload type (0 PCMU, 8 PCMA)
 * @param encoding {@code PCMU} or {@code PCMA}
 * @param telephoneEventType the RFC 4733 telephone-event payload type, or -1 when not offered
 */
public record MediaDescription(
    String host, int port, int payloadType, String encoding, int telephoneEventType) {

  public boolean supportsTelephoneEvents() {
    return telephoneEventType >= 0;
  }
}
