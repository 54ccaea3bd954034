package io.kodama.phone;

import java.util.Locale;

/** What kind of line a number is, as Kodama routes it. */
public enum LineType {
  MOBILE,
  FIXED_LINE,
  VOIP,
  TOLL_FREE,
  PREMIUM_RATE,
  SHARED_COST,
  /** Machine-to-machine and pager ranges (Japan's 020). */
  M2M,
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
