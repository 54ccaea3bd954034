package io.kodama.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * SMS settings ({@code kodama.sms.*}). With no connection configured and {@code
 * kodama.simulators.enabled=true}, one connection to the in-process SMSC simulator is used.
 *
 * @param connections the SMSC connections; messages are spread over the bound ones
 * @param receiptTimeout how long a submitted SMS waits for its delivery receipt before it counts
 *     as failed ({@code no_receipt})
 * @param sweepInterval how often overdue receipts are looked for
 * @param bindWait how long a delivery waits for a bound session before it is handed back to the
 *     dispatcher for a later retry
 */
@ConfigurationProperties("kodama.sms")
@Validated
public record SmsProperties(
    @Valid List<Connection> connections,
    @NotNull Duration receiptTimeout,
    @NotNull Duration sweepInterval,
    @NotNull Duration bindWait) {

  public SmsProperties {
    connections = connections == null ? List.of() : List.copyOf(connections);
    receiptTimeout = receiptTimeout == null ? Duration.ofMinutes(2) : receiptTimeout;
    sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
    bindWait = bindWait == null ? Duration.ofSeconds(5) : bindWait;
  }

  /** How one session (TRX) or one pair of sessions (TX and RX) is bound. */
  public enum BindType {
    /** One transceiver session carries submits and receipts. */
    TRX,
    /** A transmitter session for submits and a receiver session for receipts. */
    TX_RX
  }

  /**
   * One SMSC connection ({@code kodama.sms.connections[n].*}).
   *
   * @param name a name for logs and metrics (default {@code host:port})
   * @param sourceTon 5 (alphanumeric) for a name like {@code Kodama}, 1 (international) for a number
   * @param window how many submits may wait for their response at once (the sending threads)
   * @param maxPerSecond submits per second on this connection; 0 for no cap
   * @param throttleRetries how often one part is retried after ESME_RTHROTTLED / ESME_RMSGQFUL
   * @param throttleBackoff the first wait after a throttle answer; doubled each time (max 5 s)
   */
  public record Connection(
      String name,
      @NotBlank String host,
      @Min(1) @Max(65535) int port,
      @NotBlank @Size(max = 15) String systemId,
      @NotNull @Size(max = 8) String password,
      @NotNull @Size(max = 12) String systemType,
      @NotNull BindType bindType,
      @NotBlank @Size(max = 20) String sourceAddr,
      @Min(0) @Max(6) Integer sourceTon,
      @Min(0) @Max(18) Integer sourceNpi,
      @Min(1) @Max(1000) Integer window,
      @Min(0) Integer maxPerSecond,
      @NotNull Duration enquireLinkInterval,
      @NotNull Duration responseTimeout,
      @NotNull Duration rebindMinBackoff,
      @NotNull Duration rebindMaxBackoff,
      @Min(0) @Max(100) Integer throttleRetries,
      @NotNull Duration throttleBackoff) {

    public Connection {
      name = name == null || name.isBlank() ? host + ":" + port : name;
      password = password == null ? "" : password;
      systemType = systemType == null ? "" : systemType;
      bindType = bindType == null ? BindType.TRX : bindType;
      sourceAddr = sourceAddr == null ? "Kodama" : sourceAddr;
      sourceTon = sourceTon == null ? (sourceAddr.chars().allMatch(Character::isDigit) ? 1 : 5) : sourceTon;
      sourceNpi = sourceNpi == null ? (sourceTon == 1 ? 1 : 0) : sourceNpi;
      window = window == null ? 10 : window;
      maxPerSecond = maxPerSecond == null ? 0 : maxPerSecond;
      enquireLinkInterval = enquireLinkInterval == null ? Duration.ofSeconds(30) : enquireLinkInterval;
      responseTimeout = responseTimeout == null ? Duration.ofSeconds(5) : responseTimeout;
      rebindMinBackoff = rebindMinBackoff == null ? Duration.ofMillis(500) : rebindMinBackoff;
      rebindMaxBackoff = rebindMaxBackoff == null ? Duration.ofSeconds(60) : rebindMaxBackoff;
      throttleRetries = throttleRetries == null ? 5 : throttleRetries;
      throttleBackoff = throttleBackoff == null ? Duration.ofMillis(200) : throttleBackoff;
    }

    /** A connection with every optional setting at its default. */
    public static Connection of(String host, int port, String systemId, String password) {
      return new Connection(
          null, host, port, systemId, password, null, null, null, null, null, null, null, null,
          null, null, null, null, null);
    }

    public Connection withBindType(BindType value) {
      return new Connection(name, host, port, systemId, password, systemType, value, sourceAddr,
          sourceTon, sourceNpi, window, maxPerSecond, enquireLinkInterval, responseTimeout,
          rebindMinBackoff, rebindMaxBackoff, throttleRetries, throttleBackoff);
    }

    public Connection withWindow(int value, int perSecond) {
      return new Connection(name, host, port, systemId, password, systemType, bindType, sourceAddr,
          sourceTon, sourceNpi, value, perSecond, enquireLinkInterval, responseTimeout,
          rebindMinBackoff, rebindMaxBackoff, throttleRetries, throttleBackoff);
    }

    public Connection withTimings(Duration response, Duration rebindMin, Duration rebindMax) {
      return new Connection(name, host, port, systemId, password, systemType, bindType, sourceAddr,
          sourceTon, sourceNpi, window, maxPerSecond, enquireLinkInterval, response,
          rebindMin, rebindMax, throttleRetries, throttleBackoff);
    }

    public Connection withThrottle(int retries, Duration backoff) {
      return new Connection(name, host, port, systemId, password, systemType, bindType, sourceAddr,
          sourceTon, sourceNpi, window, maxPerSecond, enquireLinkInterval, responseTimeout,
          rebindMinBackoff, rebindMaxBackoff, retries, backoff);
    }

    @Override
    public String toString() {
      return "Connection[" + name + ", systemId=" + systemId + ", bindType=" + bindType + "]";
    }
  }
}
