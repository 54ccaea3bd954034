package io.kodama.verification;

/**
 * What a client asks for when it starts a verification. Null fields take the tenant's defaults.
 *
 * @param to the number as the client sent it
 * @param channel {@code auto}, {@code sms} or {@code voice}
 */
public record StartCommand(
    String to, String channel, String locale, Integer codeLength, Integer ttlSeconds, String purpose,
    String externalRef) {

  /** A stable digest of the request, to recognise the same request under one Idempotency-Key. */
  String fingerprint() {
    return String.join("\u0000", String.valueOf(to), String.valueOf(channel), String.valueOf(locale),
        String.valueOf(codeLength), String.valueOf(ttlSeconds), String.valueOf(purpose), String.valueOf(externalRef));
  }
}
