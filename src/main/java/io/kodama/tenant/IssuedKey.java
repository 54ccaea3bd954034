package io.kodama.tenant;

import java.time.Instant;

/**
 * An API key as returned once at creation. {@code key} is the only copy in clear: Kodama keeps its
 * hash.
 */
public record IssuedKey(String id, String tenantId, String name, String prefix, String key, Instant createdAt) {

  @Override
  public String toString() {
    return "IssuedKey[id=" + id + ", prefix=" + prefix + "]";
  }
}
