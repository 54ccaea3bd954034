package io.kodama.webhook;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

  private static final Logger log = LoggerFactory.getLogger(WebhookConfig.class);

  @Bean
  AddressPolicy webhookAddressPolicy(WebhookSettings settings) {
    if (settings.allowLoopback() || settings.allowPrivateNetworks()) {
      log.info("Webhooks may be sent to {}{}{} addresses (kodama.webhooks.allow-loopback / allow-private-networks)",
          settings.allowLoopback() ? "loopback" : "", settings.allowLoopback() && settings.allowPrivateNetworks()
              ? " and " : "", settings.allowPrivateNetworks() ? "private" : "");
    }
    return AddressPolicy.of(settings);
  }

  @Bean
  WebhookSender webhookSender(AddressPolicy policy, WebhookSettings settings, Clock clock) {
    return new WebhookSender(policy, InetAddress::getAllByName, settings.timeout(), clock);
  }

  @Bean
  RetryPolicy webhookRetryPolicy(WebhookSettings settings) {
    SecureRandom random = new SecureRandom();
    return new RetryPolicy(settings.retrySchedule(), settings.maxRetryAfter(), random::nextDouble);
  }

  /** Deletes events and delivery logs older than the retention, once an hour. */
  @Bean
  Task<Void> webhookRetentionTask(EventRepository events, DeliveryRepository deliveries, WebhookSettings settings,
      Clock clock) {
    return Tasks.recurring("webhook-retention", FixedDelay.of(Duration.ofHours(1)))
        .execute((instance, context) -> {
          var cutoff = clock.instant().minus(settings.retention());
          int logs = deliveries.deleteOlderThan(cutoff);
          int old = events.deleteOlderThan(cutoff);
          if (logs + old > 0) {
            log.info("Deleted {} webhook events and {} delivery logs older than {}", old, logs, settings.retention());
          }
        });
  }
}
