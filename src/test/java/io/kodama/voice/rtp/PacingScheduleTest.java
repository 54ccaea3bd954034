package io.kodama.voice.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacingScheduleTest {

  private static final long MS = 1_000_000L;
  private final PacingSchedule<String> schedule = new PacingSchedule<>(20 * MS, 0, 10);

  @Test
  void sendsEachStreamEveryPeriodOnItsOwnPhase() {
    schedule.add("a", 0);
    schedule.add("b", 7 * MS);

    List<String> sent = runUntil(60 * MS);

    assertThat(sent).containsExactly("a@0", "b@7", "a@20", "b@27", "a@40", "b@47", "a@60");
  }

  @Test
  void catchesUpAfterAStallWithoutDrifting() {
    schedule.add("a", 0);
    send(0);

    // the thread wakes 65 ms late: the packets due at 20, 40 and 60 go at once
    List<String> burst = new ArrayList<>();
    PacingSchedule.Entry<String> entry;
    while ((entry = schedule.pollDue(65 * MS)) != null) {
      burst.add(entry.item + "@" + entry.due / MS);
      schedule.reschedule(entry, 65 * MS);
    }

    assertThat(burst).containsExactly("a@20", "a@40", "a@60");
    assertThat(schedule.waitNanos(65 * MS)).isEqualTo(15 * MS); // back on the 20 ms grid: due at 80
  }

  @Test
  void skipsInsteadOfBurstingWhenFarBehind() {
    schedule.add("a", 0);
    PacingSchedule.Entry<String> entry = schedule.pollDue(1000 * MS);

    int skipped = schedule.reschedule(entry, 1000 * MS);

    assertThat(skipped).isEqualTo(49);
    assertThat(schedule.waitNanos(1000 * MS)).isEqualTo(0); // due at 1000: still on the grid
  }

  @Test
  void waitsUntilTheEarliestEntryIsDue() {
    assertThat(schedule.waitNanos(0)).isEqualTo(Long.MAX_VALUE);
    schedule.add("a", 5 * MS);

    assertThat(schedule.pollDue(4 * MS)).isNull();
    assertThat(schedule.waitNanos(4 * MS)).isEqualTo(MS);
  }

  @Test
  void newStreamsStartInTheNextMillisecondSlot() {
    try (RtpPacer pacer = new RtpPacer("grid-test")) {
      long now = System.nanoTime();
      long slot = pacer.nextSlot(now);

      assertThat(slot - now).isBetween(0L, RtpPacer.SLOT_NANOS);
      assertThat(pacer.nextSlot(slot)).isEqualTo(slot);
      assertThat(pacer.nextSlot(slot + 1)).isEqualTo(slot + RtpPacer.SLOT_NANOS);
    }
  }

  private List<String> runUntil(long end) {
    List<String> sent = new ArrayList<>();
    for (long now = 0; now <= end; now += MS) {
      PacingSchedule.Entry<String> entry;
      while ((entry = schedule.pollDue(now)) != null) {
        sent.add(entry.item + "@" + now / MS);
        schedule.reschedule(entry, now);
      }
    }
    return sent;
  }

  private void send(long now) {
    PacingSchedule.Entry<String> entry = schedule.pollDue(now);
    schedule.reschedule(entry, now);
  }
}
