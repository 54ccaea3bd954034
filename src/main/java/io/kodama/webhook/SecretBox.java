package io.kodama.webhook;

import io.kodama.system.ServerSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts endpoint secrets at rest: AES-256-GCM under a key derived from the server secret, a
 * random 96-bit nonce per value, and the endpoint id as associated data (a sealed secret copied to
 * another endpoint's row does not open).
 */
@Component
final class SecretBox {

  private static final String VERSION = "v1:";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Cipher.getInstance costs more than the decryption itself; every delivery opens a secret. */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
  });

  private final SecretKeySpec key;

  SecretBox(ServerSecret serverSecret) {
    this.key = new SecretKeySpec(serverSecret.derive("webhook-secret-v1"), "AES");
  }

  String seal(String endpointId, String secret) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot seal the secret of endpoint " + endpointId, e);
    }
  }

  String open(String endpointId, String sealed) {
    if (sealed == null || !sealed.startsWith(VERSION)) {
      throw new IllegalStateException("The secret of endpoint " + endpointId + " is not sealed with " + VERSION);
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // the message never contains the secret; a changed server secret is the usual cause
      throw new IllegalStateException("Cannot open the secret of endpoint " + endpointId
          + " (was kodama.secret changed?)", e);
    }
  }
}
