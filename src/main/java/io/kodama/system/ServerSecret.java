package io.kodama.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The server secret, and keys derived from it per purpose (HMAC-SHA256 of the purpose), so code
 * hashes, sealed codes and derived tokens never share a key.
 */
@Component
public final class ServerSecret {

  private final byte[] secret;

  ServerSecret(KodamaProperties properties) {
    this.secret = properties.secret() != null
        ? properties.secret().getBytes(StandardCharsets.UTF_8)
        : loadOrCreate(Path.of(properties.dataDir(), "secret.key"));
  }

  /** A 32-byte key for one purpose, e.g. {@code "code-hash-v1"}. */
  public byte[] derive(String purpose) {
    return hmac(secret, purpose.getBytes(StandardCharsets.UTF_8));
  }

  /** A printable token derived from the secret, stable across restarts (e.g. the demo API key). */
  public String derivedToken(String purpose, int length) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(derive(purpose))
        .replace("-", "").replace("_", "");
    return token.substring(0, Math.min(length, token.length()));
  }

  /** SHA-256 of a text in lower-case hex: for values that are secret but random (API keys) or not secret. */
  public static String sha256Hex(String value) {
    try {
      return HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
      }
      Files.createDirectories(file.getParent());
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String hex = HexFormat.of().formatHex(random);
      Files.writeString(file, hex + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      return hex.getBytes(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the server secret " + file
          + "; set kodama.secret or make the data directory writable", e);
    }
  }
}
