package io.kodama.voice;

import io.kodama.voice.call.CallTimings;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Voice call settings, {@code kodama.voice.*}. Checked at start: a bad value stops the start with
 * a message naming the property.
 *
 * @param trunk where calls go ({@code kodama.voice.trunk.*})
 * @param sip where Kodama's SIP user agent listens ({@code kodama.voice.sip.*})
 * @param rtpHost {@code kodama.voice.rtp-host}: address RTP sockets bind to and SDP names;
 *     default the SIP advertised host
 * @param ringTimeout {@code kodama.voice.ring-timeout}: CANCEL after ringing this long (30s)
 * @param gateTimeout {@code kodama.voice.gate-timeout}: no key this long after the gate prompt
 *     ends the call as {@code no_input} (10s)
 * @param repeatWindow {@code kodama.voice.repeat-window}: wait for "1" after the repeat offer (3s)
 * @param maxCallDuration {@code kodama.voice.max-call-duration}: hang up after this long (5m)
 * @param gate {@code kodama.voice.gate}: default gate, {@code off}, {@code any-key} or {@code
 *     digit} (any-key); a tenant's {@code voice.gate} setting wins
 * @param repetitions {@code kodama.voice.repetitions}: default times the code is read (3)
 * @param maxConcurrentCalls {@code kodama.voice.max-concurrent-calls}: more calls than this are
 *     retried later (300)
 */
@ConfigurationProperties("kodama.voice")
public record VoiceSettings(
    Trunk trunk,
    Sip sip,
    String rtpHost,
    Duration ringTimeout,
    Duration gateTimeout,
    Duration repeatWindow,
    Duration maxCallDuration,
    String gate,
    Integer repetitions,
    Integer maxConcurrentCalls) {

  public VoiceSettings {
    trunk = trunk == null ? new Trunk(null, null, null, null, null, null, null) : trunk;
    sip = sip == null ? new Sip(null, null, null) : sip;
    rtpHost = blank(rtpHost) ? sip.contactHost() : rtpHost;
    ringTimeout = positive(ringTimeout, Duration.ofSeconds(30), "kodama.voice.ring-timeout");
    gateTimeout = positive(gateTimeout, Duration.ofSeconds(10), "kodama.voice.gate-timeout");
    repeatWindow = positive(repeatWindow, Duration.ofSeconds(3), "kodama.voice.repeat-window");
    maxCallDuration =
        positive(maxCallDuration, Duration.ofMinutes(5), "kodama.voice.max-call-duration");
    gate = blank(gate) ? "any-key" : gate.strip().toLowerCase(Locale.ROOT);
    if (!gate.equals("off") && !gate.equals("any-key") && !gate.equals("digit")) {
      throw new IllegalArgumentException(
          "kodama.voice.gate must be off, any-key or digit, was '" + gate + "'");
    }
    repetitions = repetitions == null ? 3 : repetitions;
    if (repetitions < 1 || repetitions > 10) {
      throw new IllegalArgumentException(
          "kodama.voice.repetitions must be 1 to 10, was " + repetitions);
    }
    maxConcurrentCalls = maxConcurrentCalls == null ? 300 : maxConcurrentCalls;
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException(
          "kodama.voice.max-concurrent-calls must be at least 1, was " + maxConcurrentCalls);
    }
  }

  public CallTimings timings() {
    return new CallTimings(ringTimeout, gateTimeout, repeatWindow, maxCallDuration);
  }

  /**
   * The SIP trunk, {@code kodama.voice.trunk.*}.
   *
   * @param host proxy host; unset points at the simulated phone when {@code
   *     kodama.simulators.enabled=true}, else the start fails
   * @param port proxy port (5060)
   * @param transport {@code udp} or {@code tcp} (udp)
   * @param domain domain of request URIs and From (default: the host)
   * @param callerId user part of From, e.g. the calling number in E.164 (kodama)
   * @param username digest username for 401/407 challenges (optional)
   * @param password digest password (optional; required with a username)
   */
  public record Trunk(
      String host,
      Integer port,
      String transport,
      String domain,
      String callerId,
      String username,
      String password) {

    public Trunk {
      port = port == null ? 5060 : port;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("kodama.voice.trunk.port out of range: " + port);
      }
      transport = blank(transport) ? "udp" : transport.strip().toLowerCase(Locale.ROOT);
      if (!transport.equals("udp") && !transport.equals("tcp")) {
        throw new IllegalArgumentException(
            "kodama.voice.trunk.transport must be udp or tcp, was '" + transport + "'");
      }
      callerId = blank(callerId) ? "kodama" : callerId.strip();
      if (!blank(username) && password == null) {
        throw new IllegalArgumentException(
            "kodama.voice.trunk.password is required with kodama.voice.trunk.username");
      }
    }

    public boolean configured() {
      return !blank(host);
    }

    @Override
    public String toString() {
      return "Trunk[host=" + host + ", port=" + port + ", transport=" + transport + ", domain="
          + domain + ", callerId=" + callerId + ", username=" + username + ", password="
          + (password == null ? "null" : "***") + "]";
    }
  }

  /**
   * Kodama's own SIP user agent, {@code kodama.voice.sip.*}.
   *
   * @param bindHost address to listen on (127.0.0.1; 0.0.0.0 needs advertised-host)
   * @param port UDP and TCP port to listen on (5070; 0 = any free port)
   * @param advertisedHost address written in Contact, Via and SDP (default bind-host)
   */
  public record Sip(String bindHost, Integer port, String advertisedHost) {

    public Sip {
      bindHost = blank(bindHost) ? "127.0.0.1" : bindHost.strip();
      port = port == null ? 5070 : port;
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("kodama.voice.sip.port out of range: " + port);
      }
      if ((bindHost.equals("0.0.0.0") || bindHost.equals("::")) && blank(advertisedHost)) {
        throw new IllegalArgumentException(
            "kodama.voice.sip.advertised-host is required when kodama.voice.sip.bind-host is "
                + bindHost);
      }
    }

    public String contactHost() {
      return blank(advertisedHost) ? bindHost : advertisedHost;
    }
  }

  private static Duration positive(Duration value, Duration fallback, String property) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be positive, was " + value);
    }
    return value;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
