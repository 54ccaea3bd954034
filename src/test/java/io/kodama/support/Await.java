package io.kodama.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what background work (durable jobs, receipts, calls, webhooks) changes, until it holds. */
public final class Await {

  private static final long PAUSE_MILLIS = 25;

  private Await() {}

  /** Reads a value until it satisfies {@code done}; returns it, or fails naming {@code what} and the last value. */
  public static <T> T until(String what, Duration timeout, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = read.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + "; last seen: " + value);
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
      value = read.get();
    }
    return value;
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
  }
}
