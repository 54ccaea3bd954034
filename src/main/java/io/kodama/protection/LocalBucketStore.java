package io.kodama.protection;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this node's memory. Bucket4j has no H2 backend; with H2 Kodama runs as one node, so
 * memory is the shared place. A restart forgets the buckets (they start full).
 */
final class LocalBucketStore implements BucketStore {

  /** Longer than the longest refill period (a day), so an idle bucket is full when forgotten. */
  private static final Duration IDLE = Duration.ofHours(25);

  private record Entry(Bucket bucket, long[] lastUsedMillis) {}

  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final TimeMeter timeMeter;
  private final Clock clock;

  LocalBucketStore(TimeMeter timeMeter, Clock clock) {
    this.timeMeter = timeMeter;
    this.clock = clock;
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
    Entry entry = entry(key, configuration);
    entry.lastUsedMillis()[0] = clock.millis();
    return entry.bucket().tryConsumeAndReturnRemaining(1);
  }

  @Override
  public void refund(String key, BucketConfiguration configuration) {
    entry(key, configuration).bucket().addTokens(1);
  }

  @Override
  public int removeIdle() {
    long cutoff = clock.millis() - IDLE.toMillis();
    int before = buckets.size();
    buckets.values().removeIf(e -> e.lastUsedMillis()[0] < cutoff);
    return before - buckets.size();
  }

  private Entry entry(String key, BucketConfiguration configuration) {
    return buckets.computeIfAbsent(key, k -> {
      LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(timeMeter);
      for (Bandwidth bandwidth : configuration.getBandwidths()) {
        builder.addLimit(bandwidth);
      }
      return new Entry(builder.build(), new long[] {clock.millis()});
    });
  }
}
