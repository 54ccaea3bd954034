package io.kodama.sms.smpp;

/**
 * One SMS to submit: the destination in E.164 and the encoded parts.
 *
 * @param destination E.164 with the leading {@code +}; never log it unmasked
 * @param validityMinutes how long the SMSC may keep trying (the code's validity); 0 for its default
 */
public record OutboundSms(String destination, SmsEncoding.Encoded encoded, int validityMinutes) {

  @Override
  public String toString() {
    return "OutboundSms[segments=" + encoded.segments() + "]";
  }
}
