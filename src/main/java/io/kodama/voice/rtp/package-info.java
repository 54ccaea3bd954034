/**
 * RTP media for voice calls: G.711 µ-law and A-law, RTP packets, RFC 4733 telephone events, and
 * one shared pacing scheduler ({@link io.kodama.voice.rtp.RtpPacer}) that sends the 20 ms packets
 * of every call.
 *
 * <p>Exposed as a named interface so that the simulated phone can speak the same media.
 */
@org.springframework.modulith.NamedInterface("rtp")
package io.kodama.voice.rtp;
