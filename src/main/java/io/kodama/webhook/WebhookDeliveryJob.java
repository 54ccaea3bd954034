package io.kodama.webhook;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable job that delivers one event to one endpoint. Its row is written in the transaction of
 * the event, so nothing is lost when a node dies; a node that dies while running it leaves it to
 * another (db-scheduler heartbeats), which may deliver it a second time with the same id. A failed
 * try reschedules the same job with the next attempt number.
 */
@Configuration(proxyBeanMethods = false)
class WebhookDeliveryJob {

  static final String TASK_NAME = "webhook-delivery";

  /**
   * What a job delivers. Its own type (not a String) so that it never matches an injection point of
   * another module's {@code Task<String>}; stored by db-scheduler's serializer.
   *
   * @param attempt the try this run makes, 1 for the first
   */
  record Data(String eventId, String endpointId, int attempt) implements Serializable {

    Data next() {
      return new Data(eventId, endpointId, attempt + 1);
    }
  }

  @Bean
  CustomTask<Data> webhookDeliveryTask(WebhookDeliverer deliverer) {
    return Tasks.custom(TASK_NAME, Data.class)
        .execute((instance, context) -> {
          Data data = instance.getData();
          Optional<Instant> retryAt = deliverer.deliver(data);
          if (retryAt.isEmpty()) {
            return (CompletionHandler<Data>) (complete, operations) -> operations.remove();
          }
          return (CompletionHandler<Data>) (complete, operations) ->
              operations.reschedule(complete, retryAt.get(), data.next());
        });
  }

  /** The job instance id: stable for the automatic delivery, so it is scheduled at most once. */
  static String instanceId(String eventId, String endpointId) {
    return eventId + "/" + endpointId;
  }
}
