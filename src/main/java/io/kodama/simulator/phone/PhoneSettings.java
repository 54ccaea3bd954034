package io.kodama.simulator.phone;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated phone, {@code kodama.simulators.phone.*}.
 *
 * @param host address it listens on, SIP and RTP (127.0.0.1)
 * @param port SIP port, UDP and TCP (5062; 0 = any free port); Kodama's trunk points here when
 *     {@code kodama.voice.trunk.host} is unset
 * @param recordingsDir where call recordings are written; the application defaults it to
 *     ./data/recordings, a phone built by hand without it keeps them in memory
 * @param timeUnit the unit of the N in a number's behaviour (1s)
 * @param username demand digest authentication with this username (optional)
 * @param password and this password
 * @param proxyAuth challenge with 407 instead of 401 (false)
 */
@ConfigurationProperties("kodama.simulators.phone")
public record PhoneSettings(
    String host,
    Integer port,
    Path recordingsDir,
    Duration timeUnit,
    String username,
    String password,
    Boolean proxyAuth) {

  public PhoneSettings {
    host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
    port = port == null ? 5062 : port;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("kodama.simulators.phone.port out of range: " + port);
    }
    timeUnit = timeUnit == null ? Duration.ofSeconds(1) : timeUnit;
    if (timeUnit.isNegative() || timeUnit.isZero()) {
      throw new IllegalArgumentException(
          "kodama.simulators.phone.time-unit must be positive, was " + timeUnit);
    }
    proxyAuth = proxyAuth != null && proxyAuth;
  }

  /** A phone for tests: loopback, any free port, recordings in memory, 200 ms time unit. */
  public static PhoneSettings forTests() {
    return new PhoneSettings("127.0.0.1", 0, null, Duration.ofMillis(200), null, null, false);
  }

  public PhoneSettings withAuth(String user, String pass, boolean proxy) {
    return new PhoneSettings(host, port, recordingsDir, timeUnit, user, pass, proxy);
  }

  public PhoneSettings withRecordingsDir(Path dir) {
    return new PhoneSettings(host, port, dir, timeUnit, username, password, proxyAuth);
  }

  @Override
  public String toString() {
    return "PhoneSettings[host=" + host + ", port=" + port + ", recordingsDir=" + recordingsDir
        + ", timeUnit=" + timeUnit + ", username=" + username + ", proxyAuth=" + proxyAuth + "]";
  }
}
