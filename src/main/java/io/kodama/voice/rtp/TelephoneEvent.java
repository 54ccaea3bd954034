package io.kodama.voice.rtp;

/**
 * The payload of an RFC 4733 telephone-event packet: a DTMF key, its volume and how long it has
 * been held so far.
 *
 * @param event 0–9 digits, 10 '*', 11 '#', 12–15 'A'–'D'
 * @param end the E bit: the last packet(s) of the event
 * @param volume 0..63, in -dBm0
 * @param duration in timestamp units (8 kHz: 8 per millisecond)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

  /** Payload length of one event. */
  public static final int LENGTH = 4;

  /** The payload type commonly offered for {@code telephone-event/8000}. */
  public static final int DEFAULT_PAYLOAD_TYPE = 101;

  private static final String KEYS = "0123456789*#ABCD";

  public TelephoneEvent {
    if (event < 0 || event > 255) {
      throw new IllegalArgumentException("event out of range: " + event);
    }
    if (volume < 0 || volume > 63) {
      throw new IllegalArgumentException("volume out of range: " + volume);
    }
    if (duration < 0 || duration > 0xFFFF) {
      throw new IllegalArgumentException("duration out of range: " + duration);
    }
  }

  /** Parses a telephone-event payload. */
  public static TelephoneEvent parse(byte[] payload) {
    if (payload.length < LENGTH) {
      throw new IllegalArgumentException("telephone-event payload too short: " + payload.length);
    }
    int event = payload[0] & 0xFF;
    boolean end = (payload[1] & 0x80) != 0;
    int volume = payload[1] & 0x3F;
    int duration = ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
    return new TelephoneEvent(event, end, volume, duration);
  }

  /** Writes this event as 4 payload bytes at {@code offset}. */
  public void write(byte[] out, int offset) {
    out[offset] = (byte) event;
    out[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
    out[offset + 2] = (byte) (duration >> 8);
    out[offset + 3] = (byte) duration;
  }

  /** Whether this is a DTMF key (events 0–15). */
  public boolean isDtmf() {
    return event < KEYS.length();
  }

  /** The DTMF key: '0'–'9', '*', '#', 'A'–'D'. */
  public char key() {
    if (!isDtmf()) {
      throw new IllegalStateException("not a DTMF event: " + event);
    }
    return KEYS.charAt(event);
  }

  /** The event code of a DTMF key. */
  public static int eventOf(char key) {
    int event = KEYS.indexOf(Character.toUpperCase(key));
    if (event < 0) {
      throw new IllegalArgumentException("not a DTMF key: " + key);
    }
    return event;
  }
}
