package io.kodama.system;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Identifiers such as {@code vrf_01JD3M…}: a type prefix and a ULID (48-bit millisecond time and
 * 80 random bits in Crockford base32), so ids sort by creation time.
 */
public final class Ids {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next(String prefix, Clock clock) {
    long time = clock.millis();
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (time & 31)];
      time >>>= 5;
    }
    // 80 random bits → 16 characters of 5 bits each
    long hi = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (random[i] & 0xff);
    }
    long lo = 0;
    for (int i = 5; i < 10; i++) {
      lo = (lo << 8) | (random[i] & 0xff);
    }
    for (int i = 0; i < 8; i++) {
      out[17 - i] = CROCKFORD[(int) (hi & 31)];
      hi >>>= 5;
      out[25 - i] = CROCKFORD[(int) (lo & 31)];
      lo >>>= 5;
    }
    return prefix + "_" + new String(out);
  }
}
