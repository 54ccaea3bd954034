/**
 * RTP media for voice calls: G.711 µ-law and A-law ({@link io.kodama.voice.rtp.G711}), RTP
 * packets ({@link io.kodama.voice.rtp.RtpPacket}), RFC 4733 telephone events ({@link
 * io.kodama.voice.rtp.TelephoneEvent}), and one shared engine ({@link
 * io.kodama.voice.rtp.RtpPacer}) whose single pacing thread sends the 20 ms packets of every call.
 *
 * <p>How a call uses it:
 *
 * <pre>{@code
 * // before the INVITE: a socket whose port goes into the SDP offer (PCMU 0, PCMA 8, telephone-event 101)
 * DatagramChannel rtp = DatagramChannel.open().bind(new InetSocketAddress(rtpHost, 0));
 * // on 200 OK: the answer names the remote address and the codec
 * RtpStream stream = pacer.open(rtp, remoteFromSdp, G711.forPayloadType(chosen), answeredDtmfPt);
 * stream.onDtmf(key -> ...);                        // RFC 4733 keys, once per press
 * Playback code = stream.play(audio.code(), () -> ...); // onFinished on the callback thread
 * // on BYE from the callee: audio.repetitionsPlayed(code.samplesPlayed()), stream.samplesPlayed()
 * stream.close();
 * }</pre>
 *
 * <p>Exposed as a named interface so that the simulated phone can speak the same media.
 */
@org.springframework.modulith.NamedInterface("rtp")
package io.kodama.voice.rtp;
