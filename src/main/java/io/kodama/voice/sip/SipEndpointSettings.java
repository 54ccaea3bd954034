package io.kodama.voice.sip;

import java.util.Objects;

/**
 * How one SIP user agent listens and where it sends.
 *
 * @param name a name unique in the JVM (names the stack and its threads)
 * @param bindHost the address to listen on (UDP and TCP)
 * @param port the port to listen on; 0 picks a free one
 * @param advertisedHost the address written in Contact, Via and SDP; null uses {@code bindHost}
 * @param outboundProxy {@code host:port/udp} or {@code host:port/tcp}: every request goes there
 *     (a SIP trunk); null routes by the request URI
 * @param domain the domain of request URIs and From; null uses the outbound proxy host
 * @param credentials digest credentials for 401/407 challenges to our requests; null for none
 * @param challenge demand digest authentication of incoming INVITEs; null for none
 */
public record SipEndpointSettings(
    String name,
    String bindHost,
    int port,
    String advertisedHost,
    String outboundProxy,
    String domain,
    SipCredentials credentials,
    SipChallenge challenge) {

  public SipEndpointSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bindHost, "bindHost");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public String contactHost() {
    return advertisedHost == null || advertisedHost.isBlank() ? bindHost : advertisedHost;
  }

  /** An endpoint listening on the given address that only answers calls. */
  public static SipEndpointSettings listening(String name, String host, int port) {
    return new SipEndpointSettings(name, host, port, null, null, null, null, null);
  }

  public SipEndpointSettings withChallenge(SipChallenge newChallenge) {
    return new SipEndpointSettings(
        name, bindHost, port, advertisedHost, outboundProxy, domain, credentials, newChallenge);
  }
}
