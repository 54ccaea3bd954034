package io.kodama.protection;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where token buckets live: in memory (one node on H2) or in PostgreSQL (shared by nodes). */
interface BucketStore {

  ConsumptionProbe tryConsume(String key, BucketConfiguration configuration);

  /** Gives back a token taken by a send that another limit then refused. */
  void refund(String key, BucketConfiguration configuration);

  /** Forgets buckets that are full again; returns how many. */
  int removeIdle();
}
