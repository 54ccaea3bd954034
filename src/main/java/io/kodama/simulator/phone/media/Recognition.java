package io.kodama.simulator.phone.media;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The digits recognised in a call, as runs of consecutive digits: a run ends at a phrase or a
 * long silence. A call that reads 482915 three times, with a gate naming 7, gives {@code [7,
 * 482915, 482915, 482915]} (twice as many runs when read in Japanese and English). Contains
 * codes: never log it.
 *
 * @param sequences the runs in the order heard
 */
public record Recognition(List<String> sequences) {

  public Recognition {
    sequences = List.copyOf(sequences);
  }

  /** Whether a run equal to the code was heard. */
  public boolean heard(String code) {
    return sequences.contains(code);
  }

  /** How many times a run equal to the code was heard. */
  public long count(String code) {
    return sequences.stream().filter(code::equals).count();
  }

  /** The run heard most often (the longest among those): the code, for a call that read one. */
  public Optional<String> code() {
    return sequences.stream()
        .max(Comparator.comparingLong(this::count).thenComparingInt(String::length));
  }

  @Override
  public String toString() {
    return "Recognition[" + sequences.size() + " runs]";
  }
}
