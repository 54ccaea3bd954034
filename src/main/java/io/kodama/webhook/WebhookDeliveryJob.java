package io.kodama.webhook;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.kodama.system.GroupCommit;
import java.io.Serializable;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable job that delivers one event to one endpoint. Its row is written in the transaction of
 * the event, so nothing is lost when a node dies; a node that dies while running it leaves it to
 * another (db-scheduler heartbeats), which may deliver it a second time with the same id. A failed
 * try reschedules the same job with the next attempt number. The attempt's log row and the job's
 * removal (or rescheduling) are one transaction, and the deliveries that finish at the same time on
 * this node share it ({@link GroupCommit}): a batch insert of their log rows and a batch delete of
 * their job rows, instead of two commits each.
 */
@Configuration(proxyBeanMethods = false)
class WebhookDeliveryJob {

  static final String TASK_NAME = "webhook-delivery";

  /**
   * What a job delivers. Its own type (not a String) so that it never matches an injection point of
   * another module's {@code Task<String>}; stored by db-scheduler's serializer.
   *
   * @param attempt the try this run makes, 1 for the first
   * @param type the event's type, carried with its payload so that a delivery does not read the
   *     event; both null in jobs written before they were carried (the event is read then)
   * @param payload the event's stored payload, exactly the body that is signed and sent
   */
  record Data(String eventId, String endpointId, int attempt, String type, String payload) implements Serializable {

    static Data first(WebhookEvent event, WebhookEndpoint endpoint) {
      return new Data(event.id(), endpoint.id(), 1, event.type(), event.payload());
    }

    Data next() {
      return new Data(eventId, endpointId, attempt + 1, type, payload);
    }
  }

  @Bean
  CustomTask<Data> webhookDeliveryTask(WebhookDeliverer deliverer, DeliveryRepository deliveries,
      TransactionTemplate tx) {
    GroupCommit<Finished> finished = new GroupCommit<>(batch -> tx.executeWithoutResult(status -> {
      deliveries.insertAll(batch.stream().map(Finished::tried).filter(t -> t.log() != null).toList());
      deliveries.deleteJobs(batch.stream().map(Finished::job).toList());
    }), 256);
    return Tasks.custom(TASK_NAME, Data.class)
        .execute((instance, context) -> {
          Data data = instance.getData();
          WebhookDeliverer.Tried tried = deliverer.deliver(data);
          if (tried.retryAt() == null) {
            return (CompletionHandler<Data>) (complete, operations) ->
                finished.submit(new Finished(complete.getExecution(), tried));
          }
          return (CompletionHandler<Data>) (complete, operations) -> tx.executeWithoutResult(status -> {
            deliveries.insertAll(List.of(tried));
            operations.reschedule(complete, tried.retryAt(), data.next());
          });
        });
  }

  /** A delivery that is over, and its job, whose row goes with the log row in one transaction. */
  private record Finished(Execution job, WebhookDeliverer.Tried tried) {}

  /** The job instance id: stable for the automatic delivery, so it is scheduled at most once. */
  static String instanceId(String eventId, String endpointId) {
    return eventId + "/" + endpointId;
  }
}
