package io.kodama.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded memo of values that never change for their key (a number's masked form, a
 * verification's number and reference): each is computed or read once and reused while it is
 * recent. Emptied when full, so it holds at most {@code capacity} entries and costs nothing to keep
 * in order. Not for values that can change: it never forgets one on its own.
 */
public final class RecentValues<K, V> {

  private final int capacity;
  private final Map<K, V> values = new ConcurrentHashMap<>();

  public RecentValues(int capacity) {
    this.capacity = capacity;
  }

  /** The value for a key, computed by {@code load} when it is not known; a null from it is not kept. */
  public V get(K key, Function<K, V> load) {
    V value = values.get(key);
    if (value == null) {
      value = load.apply(key);
      if (value != null) {
        if (values.size() >= capacity) {
          values.clear();
        }
        values.put(key, value);
      }
    }
    return value;
  }
}
