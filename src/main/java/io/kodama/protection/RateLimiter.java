package io.kodama.protection;

import io.kodama.protection.BucketStore.Bucket;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends per tenant (per second), per client IP (per hour), per number prefix (per hour) and per
 * number (per hour and per day), as token buckets. A send takes one token from each; when one
 * bucket is empty, the tokens already taken are given back and the send is refused with {@code
 * rate-limited} naming the limit. Bucket keys hold keyed hashes, never a number or an address, and
 * the configured values, so a changed setting starts fresh buckets.
 */
@Component
class RateLimiter {

  static final String TENANT = "tenant";
  static final String CLIENT_IP = "client-ip";
  static final String PREFIX = "prefix";
  static final String NUMBER = "number";

  private final BucketStore store;
  private final NumberKeys keys;

  RateLimiter(BucketStore store, NumberKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** @throws ApiException {@code rate-limited} with {@code limit} and {@code Retry-After} */
  void take(Tenant tenant, TenantProtection p, String e164, String clientIp) {
    List<Bucket> buckets = new ArrayList<>(5);
    String t = tenant.id();
    buckets.add(new Bucket(TENANT, "t|" + t + "|" + p.tenantPerSecond(), p.tenantPerSecond(), Duration.ofSeconds(1)));
    if (clientIp != null) {
      buckets.add(new Bucket(CLIENT_IP, "i|" + t + "|" + keys.of(ipBlock(clientIp)) + "|" + p.clientIpPerHour(),
          p.clientIpPerHour(), Duration.ofHours(1)));
    }
    buckets.add(new Bucket(PREFIX, "p|" + t + "|" + keys.of(NumberKeys.prefix(e164)) + "|" + p.prefixPerHour(),
        p.prefixPerHour(), Duration.ofHours(1)));
    String number = "n|" + t + "|" + keys.of(e164) + "|";
    buckets.add(new Bucket(NUMBER, number + p.numberPerHour() + "/h", p.numberPerHour(), Duration.ofHours(1)));
    buckets.add(new Bucket(NUMBER, number + p.numberPerDay() + "/d", p.numberPerDay(), Duration.ofDays(1)));
    store.take(buckets).ifPresent(refusal -> {
      throw new ApiException(ProblemType.RATE_LIMITED, message(refusal.limit()))
          .with("limit", refusal.limit())
          .retryAfter(refusal.retryAfter());
    });
  }

  private static String message(String limit) {
    return switch (limit) {
      case TENANT -> "Too many sends per second for this account";
      case CLIENT_IP -> "Too many sends for this client IP address";
      case PREFIX -> "Too many sends to numbers of this range";
      default -> "Too many sends to this number";
    };
  }

  /**
   * The address an IP limit counts: an IPv4 address, or the /64 network of an IPv6 address (one
   * subscriber usually has a whole /64).
   *
   * @throws ApiException {@code validation} when it is not an IP address literal
   */
  static String ipBlock(String clientIp) {
    String ip = clientIp.trim();
    boolean v4 = ip.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    boolean v6 = ip.contains(":") && ip.matches("[0-9A-Fa-f:.]{2,45}");
    if (!v4 && !v6) {
      throw invalidIp();
    }
    try {
      // a literal (digits and dots, or containing ':'): no name lookup happens
      byte[] address = InetAddress.getByName(ip).getAddress();
      if (address.length == 4) {
        return InetAddress.getByAddress(address).getHostAddress();
      }
      byte[] network = new byte[16];
      System.arraycopy(address, 0, network, 0, 8);
      return InetAddress.getByAddress(network).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      throw invalidIp();
    }
  }

  private static ApiException invalidIp() {
    return new ApiException(ProblemType.VALIDATION, "clientIp must be an IPv4 or IPv6 address").with("field", "clientIp");
  }
}
