package io.kodama.simulator.smsc;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SMSC simulator's settings ({@code kodama.simulators.smsc.*}); it runs when {@code
 * kodama.simulators.enabled} is true (the default).
 */
@ConfigurationProperties("kodama.simulators.smsc")
@Validated
public record SmscSimulatorProperties(
    @Min(0) @Max(65535) Integer port,
    @NotBlank @Size(max = 15) String systemId,
    @Size(max = 8) String password,
    Duration receiptDelay,
    @Min(1) Integer inboxLimit) {

  public SmscSimulatorProperties {
    port = port == null ? 2775 : port;
    systemId = systemId == null ? "kodama" : systemId;
    password = password == null ? "kodama" : password;
    receiptDelay = receiptDelay == null ? Duration.ofMillis(500) : receiptDelay;
    inboxLimit = inboxLimit == null ? 50 : inboxLimit;
  }

  SmscSimulatorSettings toSettings() {
    return new SmscSimulatorSettings(port, systemId, password, receiptDelay, inboxLimit);
  }
}
