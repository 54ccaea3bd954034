package io.kodama.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting for the pages ({@code ${fmt.…}} in templates): times in the console's zone, rates. */
final class Fmt {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final ZoneId zone;
  private final Locale locale;

  Fmt(ZoneId zone, Locale locale) {
    this.zone = zone;
    this.locale = locale;
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  public String zone() {
    return zone.getId();
  }

  /** A ratio as a percentage with one decimal, or an em dash when there is nothing to divide. */
  public String pct(Double ratio) {
    return ratio == null ? "—" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  public String seconds(Double seconds) {
    if (seconds == null) {
      return "—";
    }
    return seconds < 10 ? String.format(Locale.ROOT, "%.2f s", seconds) : String.format(Locale.ROOT, "%.0f s", seconds);
  }

  /** Time between two instants: "+1.234 s". */
  public String after(Instant start, Instant at) {
    if (start == null || at == null) {
      return "";
    }
    long millis = Duration.between(start, at).toMillis();
    return String.format(Locale.ROOT, "+%.1f s", millis / 1000.0);
  }

  public String number(long n) {
    return String.format(locale, "%,d", n);
  }
}
