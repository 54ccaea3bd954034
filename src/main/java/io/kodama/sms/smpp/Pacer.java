package io.kodama.sms.smpp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Spaces sends evenly to at most {@code perSecond} a second (0: no cap). */
final class Pacer {

  private final long intervalNanos;
  private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

  Pacer(int perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
  }

  /** Waits for this caller's slot. */
  void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    long slot;
    while (true) {
      long next = nextSlot.get();
      slot = Math.max(next, now - intervalNanos); // no bursts after idle time beyond one slot
      if (nextSlot.compareAndSet(next, slot + intervalNanos)) {
        break;
      }
    }
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while pacing");
      }
    }
  }
}
