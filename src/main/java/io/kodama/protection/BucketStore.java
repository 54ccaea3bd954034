package io.kodama.protection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where token buckets live: in memory (one node on H2) or in PostgreSQL (shared by nodes). */
interface BucketStore {

  /**
   * A bucket of {@code capacity} tokens that refills evenly over {@code period} (greedy refill, as
   * bucket4j's {@code refillGreedy}); it starts full.
   *
   * @param limit the name of the limit it counts, for the refusal
   */
  record Bucket(String limit, String key, long capacity, Duration period) {}

  /** Which bucket was empty, and when its next token comes. */
  record Refusal(String limit, Duration retryAfter) {}

  /**
   * Takes one token from every bucket, or from none: when one is empty, the tokens taken from the
   * others are given back, and the refusal names the limit of the first empty bucket (in the list's
   * order) and waits until every empty bucket has a token again.
   */
  Optional<Refusal> take(List<Bucket> buckets);

  /** Forgets buckets that are full again; returns how many. */
  int removeIdle();
}
