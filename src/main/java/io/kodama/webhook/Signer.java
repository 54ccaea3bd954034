package io.kodama.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 HMAC-SHA256, keyed with the
 * base64-decoded part of the secret after {@code whsec_}, over {@code id.timestamp.body}.
 */
final class Signer {

  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Mac.getInstance is costly and every delivery signs; a Mac is reused per thread. */
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  });

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
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot key HmacSHA256", e);
    }
    mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
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
