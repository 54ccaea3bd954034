package io.kodama.dispatch;

import java.util.Locale;

/** A way to deliver a code to a phone. */
public enum Channel {
  SMS,
  VOICE;

  /** The lower-case name used in the API, in events and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Channel fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
