package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.webhook.AddressPolicy.Category;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

  private final AddressPolicy strict = new AddressPolicy(false, false);

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "127.0.0.1, LOOPBACK",
      "127.255.0.9, LOOPBACK",
      "10.1.2.3, PRIVATE",
      "172.16.0.1, PRIVATE",
      "172.31.255.255, PRIVATE",
      "192.168.1.1, PRIVATE",
      "100.64.0.1, CGNAT",
      "100.127.255.254, CGNAT",
      "169.254.1.1, LINK_LOCAL",
      "169.254.169.254, METADATA",
      "100.100.100.200, METADATA",
      "224.0.0.1, MULTICAST",
      "239.255.255.250, MULTICAST",
      "0.0.0.0, UNSPECIFIED",
      "0.1.2.3, UNSPECIFIED",
      "255.255.255.255, RESERVED",
      "240.0.0.1, RESERVED",
      "8.8.8.8, PUBLIC",
      "172.15.255.255, PUBLIC",
      "172.32.0.1, PUBLIC",
      "100.63.255.255, PUBLIC",
      "100.128.0.1, PUBLIC",
      "192.169.0.1, PUBLIC",
      "::1, LOOPBACK",
      "::, UNSPECIFIED",
      "fc00::1, PRIVATE",
      "fd12:3456::1, PRIVATE",
      "fd00:ec2::254, METADATA",
      "fe80::1, LINK_LOCAL",
      "febf::1, LINK_LOCAL",
      "ff02::1, MULTICAST",
      "64:ff9b::7f00:1, LOOPBACK",
      "64:ff9b::a9fe:a9fe, METADATA",
      "64:ff9b::808:808, PUBLIC",
      "2002:0a00:0001::1, PRIVATE",
      "2002:7f00:0001::1, LOOPBACK",
      "2001:db8::1, RESERVED",
      "2606:4700:4700::1111, PUBLIC"})
  void classifiesAddresses(String address, Category expected) throws Exception {
    assertThat(AddressPolicy.classify(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @Test
  void judgesIpv4MappedAddressesAsTheIpv4TheyReach() throws Exception {
    // Java turns ::ffff:a.b.c.d text into an Inet4Address; an Inet6Address can still carry one
    assertThat(AddressPolicy.classify(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo(Category.LOOPBACK);
    assertThat(AddressPolicy.classify(mapped6(169, 254, 169, 254))).isEqualTo(Category.METADATA);
    assertThat(AddressPolicy.classify(mapped6(10, 0, 0, 1))).isEqualTo(Category.PRIVATE);
    assertThat(AddressPolicy.classify(mapped6(127, 0, 0, 1))).isEqualTo(Category.LOOPBACK);
    assertThat(AddressPolicy.classify(mapped6(8, 8, 4, 4))).isEqualTo(Category.PUBLIC);
    assertThat(AddressPolicy.classify(compatible6(192, 168, 0, 1))).isEqualTo(Category.PRIVATE);
  }

  @Test
  void refusesEverythingButPublicByDefault() throws Exception {
    assertThat(strict.allows(InetAddress.getByName("93.184.215.14"))).isTrue();
    for (String refused : new String[] {"127.0.0.1", "::1", "10.0.0.1", "100.64.1.1", "169.254.169.254", "fe80::1",
        "224.0.0.1", "0.0.0.0", "fd00::1"}) {
      assertThat(strict.allows(InetAddress.getByName(refused))).as(refused).isFalse();
    }
  }

  @Test
  void allowLoopbackOpensOnlyLoopback() throws Exception {
    AddressPolicy policy = new AddressPolicy(false, true);

    assertThat(policy.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(policy.allows(InetAddress.getByName("::1"))).isTrue();
    assertThat(policy.allows(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(policy.allows(InetAddress.getByName("169.254.169.254"))).isFalse();
  }

  @Test
  void allowPrivateNetworksKeepsMetadataLinkLocalAndLoopbackRefused() throws Exception {
    AddressPolicy policy = new AddressPolicy(true, false);

    assertThat(policy.allows(InetAddress.getByName("10.0.0.1"))).isTrue();
    assertThat(policy.allows(InetAddress.getByName("192.168.0.10"))).isTrue();
    assertThat(policy.allows(InetAddress.getByName("fd00::10"))).isTrue();
    assertThat(policy.allows(InetAddress.getByName("100.64.0.1"))).isTrue();
    assertThat(policy.allows(InetAddress.getByName("169.254.169.254"))).isFalse();
    assertThat(policy.allows(InetAddress.getByName("fd00:ec2::254"))).isFalse();
    assertThat(policy.allows(InetAddress.getByName("100.100.100.200"))).isFalse();
    assertThat(policy.allows(InetAddress.getByName("fe80::1"))).isFalse();
    assertThat(policy.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  private static InetAddress mapped6(int a, int b, int c, int d) throws Exception {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
    assertThat(address).isInstanceOf(Inet6Address.class);
    return address;
  }

  private static InetAddress compatible6(int a, int b, int c, int d) throws Exception {
    byte[] bytes = new byte[16];
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    return Inet6Address.getByAddress(null, bytes, -1);
  }
}
