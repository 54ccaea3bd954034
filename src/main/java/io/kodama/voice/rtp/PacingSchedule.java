package io.kodama.voice.rtp;

import java.util.PriorityQueue;

/**
 * The absolute schedule of the pacing thread: each entry's n-th packet is due at {@code first + n
 * × period}. An entry that is late stays due until it has caught up, so lateness never turns into
 * drift; one that fell more than {@code maxCatchUp} periods behind skips the lost periods
 * instead of bursting. Time is whatever monotonic nanosecond clock the caller passes in. Used by
 * one thread only.
 */
final class PacingSchedule<T> {

  /** One paced item and when its next packet is due. */
  static final class Entry<T> {
    final T item;
    long due;

    Entry(T item, long due) {
      this.item = item;
      this.due = due;
    }
  }

  private final long period;
  private final long early;
  private final int maxCatchUp;
  private final PriorityQueue<Entry<T>> queue =
      new PriorityQueue<>((a, b) -> Long.compare(a.due - b.due, 0));

  /**
   * @param period the packet interval
   * @param early how long before its due time an entry may be sent (saves a wake-up)
   * @param maxCatchUp how many periods behind an entry may fall before it skips
   */
  PacingSchedule(long period, long early, int maxCatchUp) {
    this.period = period;
    this.early = early;
    this.maxCatchUp = maxCatchUp;
  }

  void add(T item, long firstDue) {
    queue.add(new Entry<>(item, firstDue));
  }

  /** How long until the earliest entry is due (≤ 0 when due now), or {@link Long#MAX_VALUE}. */
  long waitNanos(long now) {
    Entry<T> head = queue.peek();
    return head == null ? Long.MAX_VALUE : head.due - now;
  }

  /** Removes and returns the earliest entry if it is due, else null. */
  Entry<T> pollDue(long now) {
    Entry<T> head = queue.peek();
    if (head == null || head.due - now > early) {
      return null;
    }
    return queue.poll();
  }

  /**
   * Puts an entry back after its packet was sent, due one period later.
   *
   * @return the number of periods skipped because it had fallen too far behind (0 normally)
   */
  int reschedule(Entry<T> entry, long now) {
    entry.due += period;
    int skipped = 0;
    long behind = now - entry.due;
    if (behind > maxCatchUp * period) {
      skipped = (int) (behind / period);
      entry.due += skipped * period;
    }
    queue.add(entry);
    return skipped;
  }

  int size() {
    return queue.size();
  }
}
