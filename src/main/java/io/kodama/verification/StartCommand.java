package io.kodama.verification;

/**
 * What a client asks for when it starts a verification. Null fields take the tenant's defaults.
 *
 * @param to the number as the client sent it
 * @param channel {@code auto}, {@code sms} or {@code voice}
 * @param transaction amount, currency and payee of a {@code transaction} verification; null otherwise
 * @param clientIp the end user's IP address, for the per-IP rate limit; may be null
 */
public record StartCommand(
    String to, String channel, String locale, Integer codeLength, Integer ttlSeconds, String purpose,
    String externalRef, TransactionDetails transaction, String clientIp) {

  public StartCommand(String to, String channel, String locale, Integer codeLength, Integer ttlSeconds,
      String purpose, String externalRef) {
    this(to, channel, locale, codeLength, ttlSeconds, purpose, externalRef, null, null);
  }

  /** A stable digest of the request, to recognise the same request under one Idempotency-Key. */
  String fingerprint() {
    String base = String.join("\u0000", String.valueOf(to), String.valueOf(channel), String.valueOf(locale),
        String.valueOf(codeLength), String.valueOf(ttlSeconds), String.valueOf(purpose), String.valueOf(externalRef));
    return transaction == null ? base : base + "\u0000" + transaction.hashInput();
  }
}
