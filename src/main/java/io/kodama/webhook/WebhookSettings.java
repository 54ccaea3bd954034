package io.kodama.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery settings.
 *
 * @param allowPrivateNetworks deliver to private addresses (10/8, 172.16/12, 192.168/16, fc00::/7)
 *     and CGNAT (100.64/10), for self-hosted receivers; link-local, multicast, unspecified and cloud
 *     metadata addresses stay refused
 * @param allowLoopback deliver to loopback (127/8, ::1); the demo run and tests set it
 * @param secretOverlap how long the previous secret keeps signing after a rotation
 * @param timeout the whole delivery (connect, send, response head) must finish within this
 * @param retrySchedule the waits before each retry; after the last one the delivery gives up
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 * @param pollSettle events younger than this are not listed by {@code GET /v1/events} yet, so a
 *     transaction still committing cannot be skipped by a client's cursor
 * @param retention events and delivery logs older than this are deleted
 * @param maxEndpoints endpoints per tenant
 */
@Validated
@ConfigurationProperties("kodama.webhooks")
public record WebhookSettings(
    @DefaultValue("false") boolean allowPrivateNetworks,
    @DefaultValue("false") boolean allowLoopback,
    @DefaultValue("24h") @NotNull Duration secretOverlap,
    @DefaultValue("10s") @NotNull Duration timeout,
    @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "24h"}) @NotEmpty List<Duration> retrySchedule,
    @DefaultValue("24h") @NotNull Duration maxRetryAfter,
    @DefaultValue("1s") @NotNull Duration pollSettle,
    @DefaultValue("30d") @NotNull Duration retention,
    @DefaultValue("20") @Min(1) @Max(1000) int maxEndpoints) {

  public WebhookSettings {
    retrySchedule = List.copyOf(retrySchedule);
  }
}
