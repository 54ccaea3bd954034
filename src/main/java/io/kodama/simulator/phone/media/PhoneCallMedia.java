package io.kodama.simulator.phone.media;

import io.kodama.voice.prompts.Wav;
import io.kodama.voice.rtp.RtpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The media of one call on the simulated phone: what it hears is recorded, it can press keys
 * (RFC 4733), and on {@link #close()} the recording is written as a WAV file.
 */
public final class PhoneCallMedia implements AutoCloseable {

  private final RtpStream stream;
  private final Path recordingFile;
  private final DigitRecognizer recognizer;
  private final CallRecording recording = new CallRecording();
  private volatile boolean closed;

  PhoneCallMedia(RtpStream stream, Path recordingFile, DigitRecognizer recognizer) {
    this.stream = stream;
    this.recordingFile = recordingFile;
    this.recognizer = recognizer;
    stream.onPacket(recording);
  }

  /** Where the phone receives RTP: put it in the SDP answer. */
  public InetSocketAddress localAddress() {
    return stream.localAddress();
  }

  /** Changes where the phone sends its RTP (a re-INVITE moved Kodama's media). */
  public void remote(InetSocketAddress remote) {
    stream.remote(remote);
  }

  /** Presses a key for 100 ms, sent as RFC 4733 telephone events. */
  public void pressKey(char key) {
    stream.sendDtmf(key);
  }

  /** Presses a key for a given time. */
  public void pressKey(char key, Duration duration) {
    stream.sendDtmf(key, duration);
  }

  /** What was heard so far, 16-bit PCM 8 kHz mono. */
  public short[] heard() {
    return recording.pcm();
  }

  /** How long the audio heard so far lasts. */
  public Duration heardDuration() {
    return Duration.ofMillis(recording.samples() / 8L);
  }

  /** Audio packets received so far. */
  public long audioPackets() {
    return recording.audioPackets();
  }

  /** The digits recognised in what was heard so far. */
  public Recognition recognize() {
    return recognizer.recognize(recording.pcm());
  }

  /** The recording file, once written by {@link #close()}; empty when recording to memory. */
  public Optional<Path> recordingFile() {
    return closed ? Optional.ofNullable(recordingFile) : Optional.empty();
  }

  /**
   * Stops the media and writes the recording.
   *
   * @throws UncheckedIOException when the recording cannot be written
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    stream.close();
    closed = true;
    if (recordingFile != null) {
      try {
        Wav.write(recordingFile, recording.pcm());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the call recording " + recordingFile, e);
      }
    }
  }
}
