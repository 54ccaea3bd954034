package io.kodama.voice.prompts;

import java.util.Arrays;
import java.util.List;

/**
 * The audio of one call, in the parts the call flow plays separately. All 16-bit PCM, 8 kHz,
 * mono. The arrays are shared: do not change them.
 *
 * <p>Gate off: play {@link #opening()}, {@link #code()}, {@link #repeatOffer()}, {@link
 * #goodbye()} (or {@link #whole()}). Gate on: play {@link #opening()} and {@link #gate()}, wait
 * for the key, then the rest.
 *
 * @param opening "This is {brand}. …" (or the generic intro), in every language
 * @param gate "Press any key…" / "To hear your code, press 7"; empty when the gate is off
 * @param code the code read {@code repetitions} times, each time in every language
 * @param repetitionEnds for each repetition, the sample offset in {@link #code()} where it ends
 * @param repeatOffer "To hear it again, press 1"
 * @param goodbye "Goodbye"
 * @param transcript the clips of the whole call in order ({@code ja/intro}, {@code brand}, {@code
 *     ja/4}, …): contains the code, never log it
 */
public record CallAudio(
    short[] opening,
    short[] gate,
    short[] code,
    int[] repetitionEnds,
    short[] repeatOffer,
    short[] goodbye,
    List<String> transcript) {

  /** How many whole repetitions of the code were heard after {@code samplesPlayed} of it. */
  public int repetitionsPlayed(long samplesPlayed) {
    int played = 0;
    for (int end : repetitionEnds) {
      if (samplesPlayed >= end) {
        played++;
      }
    }
    return played;
  }

  /** The number of repetitions in {@link #code()}. */
  public int repetitions() {
    return repetitionEnds.length;
  }

  /** One reading of the code in every language, for "press 1 to repeat". */
  public short[] singleReading() {
    return Arrays.copyOf(code, repetitionEnds[0]);
  }

  /** Everything in order: opening, gate, code, repeat offer, goodbye. */
  public short[] whole() {
    return concat(opening, gate, code, repeatOffer, goodbye);
  }

  static short[] concat(short[]... parts) {
    int length = 0;
    for (short[] part : parts) {
      length += part.length;
    }
    short[] out = new short[length];
    int at = 0;
    for (short[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  @Override
  public String toString() {
    return "CallAudio[opening=" + opening.length + ", gate=" + gate.length + ", code=" + code.length
        + " samples, repetitions=" + repetitionEnds.length + "]";
  }
}
