package io.kodama.webhook;

import io.kodama.system.ServerSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 HMAC-SHA256, keyed with the
 * base64-decoded part of the secret after {@code whsec_}, over {@code id.timestamp.body}.
 */
final class Signer {

  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signer() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("A webhook secret starts with " + PREFIX);
    }
    return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
  }

  /** One signature, {@code v1,<base64>}. */
  static String sign(String secret, String msgId, long timestamp, byte[] body) {
    byte[] prefix = (msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return "v1," + Base64.getEncoder().encodeToString(ServerSecret.hmac(key(secret), signed));
  }

  /** The {@code webhook-signature} header: one signature per valid secret, separated by spaces. */
  static String header(List<String> secrets, String msgId, long timestamp, byte[] body) {
    StringBuilder header = new StringBuilder();
    for (String secret : secrets) {
      if (!header.isEmpty()) {
        header.append(' ');
      }
      header.append(sign(secret, msgId, timestamp, body));
    }
    return header.toString();
  }
}
