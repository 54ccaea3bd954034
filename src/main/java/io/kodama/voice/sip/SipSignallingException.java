package io.kodama.voice.sip;

import java.util.regex.Pattern;

/**
 * SIP signalling could not be started or a request could not be sent. Carries no JAIN-SIP type:
 * the vendor exception's class and message (numbers masked) are copied into the message and its
 * stack trace is kept, so nothing of the vendor leaves this package.
 */
public final class SipSignallingException extends RuntimeException {

  private static final Pattern LONG_DIGITS = Pattern.compile("\\+?\\d{7,}");

  private SipSignallingException(String message) {
    super(message);
  }

  static SipSignallingException of(String context, Throwable vendor) {
    String detail = vendor.getMessage() == null ? "" : ": " + redact(vendor.getMessage());
    SipSignallingException e =
        new SipSignallingException(context + " (" + vendor.getClass().getSimpleName() + detail + ")");
    e.setStackTrace(vendor.getStackTrace());
    return e;
  }

  /** Masks long digit runs (phone numbers) in vendor messages. */
  static String redact(String text) {
    return LONG_DIGITS.matcher(text).replaceAll(m -> {
      String s = m.group();
      return "*".repeat(Math.max(0, s.length() - 4)) + s.substring(Math.max(0, s.length() - 4));
    });
  }
}
