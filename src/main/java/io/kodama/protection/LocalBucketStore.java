package io.kodama.protection;

import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this node's memory (bucket4j's local buckets). With H2 Kodama runs as one node, so
 * memory is the shared place. A restart forgets the buckets (they start full).
 */
final class LocalBucketStore implements BucketStore {

  /** Longer than the longest refill period (a day), so an idle bucket is full when forgotten. */
  private static final Duration IDLE = Duration.ofHours(25);

  private record Entry(io.github.bucket4j.Bucket bucket, long[] lastUsedMillis) {}

  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final TimeMeter timeMeter;
  private final Clock clock;

  LocalBucketStore(TimeMeter timeMeter, Clock clock) {
    this.timeMeter = timeMeter;
    this.clock = clock;
  }

  @Override
  public Optional<Refusal> take(List<Bucket> wanted) {
    List<Entry> taken = new ArrayList<>(wanted.size());
    String limit = null;
    long waitNanos = 0;
    for (Bucket bucket : wanted) {
      Entry entry = entry(bucket);
      entry.lastUsedMillis()[0] = clock.millis();
      ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
      if (probe.isConsumed()) {
        taken.add(entry);
      } else {
        limit = limit == null ? bucket.limit() : limit;
        waitNanos = Math.max(waitNanos, probe.getNanosToWaitForRefill());
      }
    }
    if (limit == null) {
      return Optional.empty();
    }
    taken.forEach(e -> e.bucket().addTokens(1));
    return Optional.of(new Refusal(limit, Duration.ofNanos(waitNanos)));
  }

  @Override
  public int removeIdle() {
    long cutoff = clock.millis() - IDLE.toMillis();
    int before = buckets.size();
    buckets.values().removeIf(e -> e.lastUsedMillis()[0] < cutoff);
    return before - buckets.size();
  }

  private Entry entry(Bucket bucket) {
    return buckets.computeIfAbsent(bucket.key(), k -> new Entry(io.github.bucket4j.Bucket.builder()
        .withCustomTimePrecision(timeMeter)
        .addLimit(BandwidthBuilder.builder().capacity(bucket.capacity())
            .refillGreedy(bucket.capacity(), bucket.period()).build())
        .build(), new long[] {clock.millis()}));
  }
}
