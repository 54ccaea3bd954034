package io.kodama.protection;

import io.kodama.system.ServerSecret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Keyed hashes (HMAC-SHA256 with keys derived from the server secret) of numbers and addresses. */
@Component
final class NumberKeys {

  private final byte[] numberKey;
  private final byte[] bindingKey;

  NumberKeys(ServerSecret secret) {
    this.numberKey = secret.derive("protection-number-v1");
    this.bindingKey = secret.derive("phone-binding-v1");
  }

  /** 128 bits of HMAC, hex: how protection tables and rate-limit buckets name a number or an IP. */
  String of(String value) {
    return HexFormat.of().formatHex(ServerSecret.hmac(numberKey, value.getBytes(StandardCharsets.UTF_8)), 0, 16);
  }

  /** How a phone binding stores a number when the tenant asks for keyed hashes. */
  String binding(String tenantId, String e164) {
    return "h:" + HexFormat.of().formatHex(
        ServerSecret.hmac(bindingKey, (tenantId + ":" + e164).getBytes(StandardCharsets.UTF_8)));
  }

  /** An E.164 number without its last four digits: a block of 10,000 numbers. */
  static String prefix(String e164) {
    return e164.length() > 8 ? e164.substring(0, e164.length() - 4) : e164;
  }
}
