package io.kodama.sms.smpp;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * SMSC message ids as stored and looked up. Many SMSCs answer submit_sm in hex and write the
 * receipt id in decimal, or the reverse; ids are compared by a normal form (trimmed, lower case,
 * no leading zeros) and by the other base's form of the same number.
 */
public final class MessageIds {

  private static final int MAX_DIGITS = 40;

  private MessageIds() {}

  /** The form an id is stored under. */
  public static String key(String id) {
    String s = id.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /**
   * The keys an id may have been stored under, best first: itself, then the same number read as
   * decimal and written in hex, then read as hex and written in decimal.
   */
  public static Set<String> candidates(String id) {
    Set<String> out = new LinkedHashSet<>();
    String key = key(id);
    if (key.isEmpty()) {
      return out;
    }
    out.add(key);
    if (key.length() <= MAX_DIGITS && key.chars().allMatch(c -> c >= '0' && c <= '9')) {
      out.add(new BigInteger(key, 10).toString(16));
    }
    if (key.length() <= MAX_DIGITS
        && key.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      out.add(new BigInteger(key, 16).toString(10));
    }
    return out;
  }
}
