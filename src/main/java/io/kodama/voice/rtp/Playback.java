package io.kodama.voice.rtp;

import java.time.Duration;

/**
 * One piece of audio queued on an {@link RtpStream} with {@link RtpStream#play}. Tells how far
 * the stream got through it, so a caller that hangs up in the middle can be reported with its
 * progress ({@code hung_up_early}, repetitions played).
 */
public final class Playback {

  /** Where a playback is. */
  public enum State {
    QUEUED,
    PLAYING,
    FINISHED,
    STOPPED
  }

  private final short[] pcm;
  private final Runnable onFinished;
  private volatile int samplesPlayed;
  private volatile State state = State.QUEUED;

  Playback(short[] pcm, Runnable onFinished) {
    this.pcm = pcm;
    this.onFinished = onFinished;
  }

  /** Length of the audio in samples (8 kHz). */
  public int totalSamples() {
    return pcm.length;
  }

  /** Samples already sent. */
  public int samplesPlayed() {
    return samplesPlayed;
  }

  /** Audio already sent. */
  public Duration played() {
    return Duration.ofMillis(samplesPlayed / 8L);
  }

  /** Length of the audio. */
  public Duration duration() {
    return Duration.ofMillis(pcm.length / 8L);
  }

  public State state() {
    return state;
  }

  /** Whether every sample was sent. */
  public boolean isFinished() {
    return state == State.FINISHED;
  }

  /** Whether {@link RtpStream#stop()} or {@link RtpStream#close()} cut it off. */
  public boolean isStopped() {
    return state == State.STOPPED;
  }

  // --- used by the pacer thread under the stream's lock ---

  short[] pcm() {
    return pcm;
  }

  Runnable onFinished() {
    return onFinished;
  }

  void advance(int samples) {
    state = State.PLAYING;
    samplesPlayed += samples;
  }

  int remaining() {
    return pcm.length - samplesPlayed;
  }

  void finish() {
    state = State.FINISHED;
  }

  void stop() {
    state = State.STOPPED;
  }

  @Override
  public String toString() {
    return "Playback[" + samplesPlayed + "/" + pcm.length + " samples, " + state + "]";
  }
}
