package io.kodama.simulator.phone;

/**
 * What the simulated phone does when a number is dialled. Numbers of the simulator block are
 * valid Japanese numbers, a Tokyo landline {@code +81 3-5550-TNKx} (FIXED_LINE) or a mobile
 * {@code +81 90-5550-TNKx} (MOBILE):
 *
 * <ul>
 *   <li>{@code T} the behaviour (table in {@code docs/simulator-voice.md}),
 *   <li>{@code N} a delay in time units (1 s by default),
 *   <li>{@code K} the key to press,
 *   <li>{@code x} free, to tell calls apart.
 * </ul>
 *
 * Every other number answers 404.
 *
 * @param kind what to do
 * @param delayUnits N
 * @param key K, as a character
 */
public record PhoneBehaviour(Kind kind, int delayUnits, char key) {

  public enum Kind {
    /** T=0: answers and listens until the caller hangs up. */
    LISTEN,
    /** T=1: 486 Busy Here. */
    BUSY,
    /** T=2: rings (180) and never answers. */
    NO_ANSWER,
    /** T=3: rings, then 603 Decline. */
    REJECT,
    /** T=4: answers, hangs up after N units. */
    HANG_UP,
    /** T=5: answers, presses K (RFC 4733) N units after the answer. */
    PRESS_KEY,
    /** T=6: answers, presses K in SIP INFO N units after the answer. */
    PRESS_KEY_INFO,
    /** T=7: 480 Temporarily Unavailable. */
    UNAVAILABLE,
    /** T=8: 600 Busy Everywhere. */
    BUSY_EVERYWHERE,
    /** T=9: 500 Server Internal Error. */
    SERVER_ERROR,
    /** Outside the simulator block: 404 Not Found. */
    NOT_FOUND
  }

  private static final String[] BLOCKS = {"+8135550", "+81905550"};

  /** The behaviour of a dialled number (E.164, with or without the '+'). */
  public static PhoneBehaviour of(String dialled) {
    String number = dialled == null ? "" : dialled.strip();
    if (!number.startsWith("+")) {
      number = "+" + number;
    }
    for (String block : BLOCKS) {
      if (number.startsWith(block)
          && number.length() == block.length() + 4
          && number.substring(1).chars().allMatch(Character::isDigit)) {
        String tail = number.substring(block.length());
        Kind kind = Kind.values()[tail.charAt(0) - '0'];
        return new PhoneBehaviour(kind, tail.charAt(1) - '0', tail.charAt(2));
      }
    }
    return new PhoneBehaviour(Kind.NOT_FOUND, 0, '0');
  }

  /** Whether the phone answers the call. */
  public boolean answers() {
    return kind == Kind.LISTEN
        || kind == Kind.HANG_UP
        || kind == Kind.PRESS_KEY
        || kind == Kind.PRESS_KEY_INFO;
  }

  /** The final status of a call the phone does not answer (0 when it rings forever). */
  public int rejectStatus() {
    return switch (kind) {
      case BUSY -> 486;
      case REJECT -> 603;
      case UNAVAILABLE -> 480;
      case BUSY_EVERYWHERE -> 600;
      case SERVER_ERROR -> 500;
      case NOT_FOUND -> 404;
      default -> 0;
    };
  }

  /** A simulator number of a behaviour: {@code landline(HANG_UP, 2, '0', 7)} = +81355504207. */
  public static String landline(Kind kind, int delayUnits, char key, int free) {
    return "+8135550" + kind.ordinal() + delayUnits + key + free;
  }

  /** The mobile ({@code +81 90-5550-…}) number of a behaviour. */
  public static String mobile(Kind kind, int delayUnits, char key, int free) {
    return "+81905550" + kind.ordinal() + delayUnits + key + free;
  }
}
