package io.kodama.dispatch;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A durable deadline for each attempt in flight on a channel that has an {@link
 * DeliveryChannel#inFlightLimit()} (voice: the call). A node killed during a call leaves its
 * attempt {@code calling} or {@code answered}, and nothing else would ever end it: the deadline
 * fails it with reason {@code node_lost}, so the client gets its final event. Written in the
 * transaction that moved the attempt in flight, removed in the one that made it final.
 */
@Configuration(proxyBeanMethods = false)
class InFlightDeadlines {

  static final String TASK_NAME = "attempt-in-flight-deadline";

  private final Dispatcher dispatcher;
  private final SchedulerClient scheduler;
  private final JdbcTemplate jdbc;

  InFlightDeadlines(@Lazy Dispatcher dispatcher, @Lazy SchedulerClient scheduler, JdbcTemplate jdbc) {
    this.dispatcher = dispatcher;
    this.scheduler = scheduler;
    this.jdbc = jdbc;
  }

  @Bean
  Task<String> attemptInFlightDeadlineTask(AttemptRecorder recorder, TransactionTemplate tx) {
    // a final attempt stays as it is: the recorder never moves it again
    return Tasks.oneTime(TASK_NAME, String.class).execute((instance, context) -> tx.executeWithoutResult(
        status -> recorder.record(instance.getData(), "failed", "node_lost", Map.of())));
  }

  @EventListener
  void on(AttemptChanged event) {
    Optional<Duration> limit = AttemptStatuses.QUEUED.equals(event.status()) ? Optional.empty()
        : dispatcher.channel(event.channel()).flatMap(DeliveryChannel::inFlightLimit);
    if (limit.isEmpty()) {
      return;
    }
    if (AttemptStatuses.isFinal(event.status())) {
      // a deadline that a scheduler thread has picked already runs and changes nothing
      jdbc.update("delete from scheduled_tasks where task_name = ? and task_instance = ? and picked = false",
          TASK_NAME, event.attemptId());
    } else {
      scheduler.scheduleIfNotExists(new TaskInstance<>(TASK_NAME, event.attemptId(), event.attemptId()),
          event.at().plus(limit.get()));
    }
  }
}
