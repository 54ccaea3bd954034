package io.kodama.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Decides whether Kodama may connect to an address (SSRF protection). IPv4 addresses embedded in
 * IPv6 (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code
 * 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged as the IPv4 address they reach.
 */
final class AddressPolicy {

  /** What an address is; everything but {@link #PUBLIC} is refused unless a setting allows it. */
  enum Category {
    PUBLIC, LOOPBACK, PRIVATE, CGNAT, LINK_LOCAL, MULTICAST, UNSPECIFIED, METADATA, RESERVED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Cloud metadata services (AWS, GCP, Azure, OpenStack, ECS, Alibaba, Oracle). */
  private static final Set<String> METADATA = Set.of(
      "169.254.169.254", "169.254.170.2", "169.254.169.123", "100.100.100.200", "192.0.0.192",
      "fd00:ec2:0:0:0:0:0:254");

  private final boolean allowPrivate;
  private final boolean allowLoopback;

  AddressPolicy(boolean allowPrivate, boolean allowLoopback) {
    this.allowPrivate = allowPrivate;
    this.allowLoopback = allowLoopback;
  }

  static AddressPolicy of(WebhookSettings settings) {
    return new AddressPolicy(settings.allowPrivateNetworks(), settings.allowLoopback());
  }

  /** Whether a connection to this address is allowed under the settings. */
  boolean allows(InetAddress address) {
    return switch (classify(address)) {
      case PUBLIC -> true;
      case LOOPBACK -> allowLoopback;
      case PRIVATE, CGNAT -> allowPrivate;
      default -> false;
    };
  }

  static Category classify(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return classifyV4(b);
    }
    if (address instanceof Inet6Address) {
      return classifyV6(b);
    }
    return Category.RESERVED;
  }

  private static Category classifyV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (METADATA.contains(text(b))) {
      return Category.METADATA;
    }
    if (a0 == 0) {
      return Category.UNSPECIFIED; // 0.0.0.0/8 "this network"; 0.0.0.0 reaches the local host
    }
    if (a0 == 127) {
      return Category.LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Category.PRIVATE;
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Category.CGNAT;
    }
    if (a0 == 169 && a1 == 254) {
      return Category.LINK_LOCAL;
    }
    if (a0 >= 224 && a0 <= 239) {
      return Category.MULTICAST;
    }
    if (a0 >= 240) {
      return Category.RESERVED; // 240/4 and broadcast
    }
    if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
      return Category.RESERVED; // 192.0.0.0/24 IETF protocol assignments
    }
    if (a0 == 198 && (a1 & 0xfe) == 18) {
      return Category.PRIVATE; // 198.18/15 benchmarking, used for internal networks
    }
    return Category.PUBLIC;
  }

  private static Category classifyV6(byte[] b) {
    if (METADATA.contains(text(b))) {
      return Category.METADATA;
    }
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    if (firstTenZero && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      return classifyV4(tail(b, 12)); // ::ffff:a.b.c.d
    }
    if (firstTenZero && b[10] == 0 && b[11] == 0) {
      boolean zeroTill15 = b[12] == 0 && b[13] == 0 && b[14] == 0;
      if (zeroTill15 && b[15] == 0) {
        return Category.UNSPECIFIED; // ::
      }
      if (zeroTill15 && b[15] == 1) {
        return Category.LOOPBACK; // ::1
      }
      return classifyV4(tail(b, 12)); // ::a.b.c.d (deprecated IPv4-compatible)
    }
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      return classifyV4(tail(b, 12)); // 64:ff9b::/96 NAT64 (and 64:ff9b:1::/48)
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return classifyV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
    }
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc) {
      return Category.PRIVATE; // fc00::/7 unique local
    }
    if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
      return Category.LINK_LOCAL; // fe80::/10
    }
    if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return Category.PRIVATE; // fec0::/10 deprecated site-local
    }
    if (first == 0xff) {
      return Category.MULTICAST;
    }
    if (first == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
      return Category.RESERVED; // 100::/64 discard-only
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
      return Category.RESERVED; // 2001:db8::/32 documentation
    }
    return Category.PUBLIC;
  }

  private static byte[] tail(byte[] b, int from) {
    return java.util.Arrays.copyOfRange(b, from, b.length);
  }

  private static String text(byte[] b) {
    try {
      return InetAddress.getByAddress(b).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Bad address length " + b.length, e);
    }
  }
}
