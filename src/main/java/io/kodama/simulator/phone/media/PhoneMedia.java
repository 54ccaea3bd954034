package io.kodama.simulator.phone.media;

import io.kodama.voice.prompts.PromptLibrary;
import io.kodama.voice.rtp.G711;
import io.kodama.voice.rtp.RtpPacer;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The media of the simulated phone: opens one {@link PhoneCallMedia} per answered call on a
 * shared {@link RtpPacer} (the phone sends silence and key presses like a real phone), records
 * what each call heard into {@code <recordingsDir>/<callId>.wav} and recognises the digits.
 */
public final class PhoneMedia {

  private final RtpPacer pacer;
  private final Path recordingsDir;
  private final DigitRecognizer recognizer;

  /**
   * @param pacer the phone's own pacer (not Kodama's, so that the two sides stay independent)
   * @param recordingsDir where recordings are written; null to keep them in memory only
   * @param prompts the clips the calls are read from, to recognise the digits
   */
  public PhoneMedia(RtpPacer pacer, Path recordingsDir, PromptLibrary prompts) {
    this.pacer = pacer;
    this.recordingsDir = recordingsDir;
    this.recognizer = new DigitRecognizer(prompts);
  }

  /**
   * Opens the media of an answered call.
   *
   * @param callId names the recording file (letters, digits, '-', '_' and '.' kept)
   * @param local where to receive, e.g. {@code new InetSocketAddress("127.0.0.1", 0)}
   * @param remote Kodama's RTP address from its SDP offer
   * @param codec the codec chosen in the answer
   * @param dtmfPayloadType the telephone-event payload type from the offer, or -1
   */
  public PhoneCallMedia open(
      String callId, InetSocketAddress local, InetSocketAddress remote, G711 codec, int dtmfPayloadType) {
    Path file =
        recordingsDir == null
            ? null
            : recordingsDir.resolve(callId.replaceAll("[^A-Za-z0-9._-]", "_") + ".wav");
    return new PhoneCallMedia(pacer.open(local, remote, codec, dtmfPayloadType), file, recognizer);
  }

  /** The recognizer, for recordings read back from files. */
  public DigitRecognizer recognizer() {
    return recognizer;
  }
}
