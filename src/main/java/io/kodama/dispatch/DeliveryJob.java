package io.kodama.dispatch;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The durable job that hands one attempt to its channel. Runs on any node; a node that dies while
 * running it leaves it to another node (db-scheduler heartbeats). A channel that cannot take the
 * delivery now is retried with backoff until the verification is no longer pending.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryJob {

  private static final Logger log = LoggerFactory.getLogger(DeliveryJob.class);
  static final String TASK_NAME = "deliver-attempt";

  @Bean
  Task<String> deliverAttemptTask(@Lazy Dispatcher dispatcher, @Lazy DeliveryTargets targets, AttemptRecorder recorder,
      AttemptRepository attempts, InFlightDeadlines deadlines) {
    return Tasks.oneTime(TASK_NAME, String.class)
        .onFailure(new RetryWithBackoff())
        .execute((instance, context) -> run(instance.getData(), dispatcher, targets, recorder, attempts, deadlines));
  }

  static void run(String attemptId, Dispatcher dispatcher, DeliveryTargets targets, AttemptRecorder recorder,
      AttemptRepository attempts, InFlightDeadlines deadlines) {
    Attempt attempt = attempts.find(attemptId).map(AttemptRepository.Row::attempt).orElse(null);
    if (attempt == null || AttemptStatuses.isFinal(attempt.status())) {
      return;
    }
    if (!AttemptStatuses.QUEUED.equals(attempt.status())) {
      // taken by a run whose node died before the job ended: its deadline may be missing
      dispatcher.channel(attempt.channel()).ifPresent(c -> deadlines.handedOver(attemptId, c));
      return;
    }
    Optional<DeliveryTask> task = targets.task(attempt.verificationId(), attemptId, attempt.channel());
    if (task.isEmpty()) {
      recorder.record(attemptId, "failed", "verification_closed", Map.of());
      return;
    }
    Optional<DeliveryChannel> channel = dispatcher.channel(attempt.channel());
    if (channel.isEmpty()) {
      recorder.record(attemptId, "failed", "channel_unavailable", Map.of());
      return;
    }
    try {
      channel.get().deliver(task.get());
    } catch (RetryableDeliveryException | CannotGetJdbcConnectionException e) {
      // a database without a free connection (an overload) fails no attempt: the job tries again;
      // a channel that has already handed the message on says so with a RetryableDeliveryException
      throw e;
    } catch (RuntimeException e) {
      log.error("Channel {} failed attempt {}", attempt.channel().wire(), attemptId, e);
      recorder.record(attemptId, "failed", "channel_error", Map.of());
      return;
    }
    // before the job ends, so that it is written even if this node dies before the channel's first report
    deadlines.handedOver(attemptId, channel.get());
  }

  /** 1 s, 2 s, 4 s … up to 60 s between tries; the verification's expiry ends the retries. */
  static final class RetryWithBackoff implements FailureHandler<String> {

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
      int failures = complete.getExecution().consecutiveFailures + 1;
      Duration wait = Duration.ofSeconds(Math.min(60, 1L << Math.min(6, failures - 1)));
      log.warn("Delivery of attempt {} will be retried in {} s: {}", complete.getExecution().taskInstance.getId(),
          wait.toSeconds(), complete.getCause().map(Throwable::getMessage).orElse("unknown"));
      operations.reschedule(complete, complete.getTimeDone().plus(wait));
    }
  }
}
