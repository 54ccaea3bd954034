package io.kodama.dispatch;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A durable deadline for each attempt in flight on a channel that has an {@link
 * DeliveryChannel#inFlightLimit()} (voice: the call). A node killed during a call leaves its
 * attempt {@code calling} or {@code answered} (or {@code queued}, before the call's first report),
 * and nothing else would ever end it: the deadline fails it with reason {@code node_lost}, so the
 * client gets its final event. Written by the delivery job once the channel has taken the attempt,
 * before the job ends (so a job taken over from a dead node writes it if that node could not);
 * removed in the transaction that makes the attempt final.
 */
@Configuration(proxyBeanMethods = false)
class InFlightDeadlines {

  static final String TASK_NAME = "attempt-in-flight-deadline";

  private final Dispatcher dispatcher;
  private final SchedulerClient scheduler;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AttemptRepository attempts;

  InFlightDeadlines(@Lazy Dispatcher dispatcher, @Lazy SchedulerClient scheduler, JdbcTemplate jdbc, Clock clock,
      AttemptRepository attempts) {
    this.dispatcher = dispatcher;
    this.attempts = attempts;
    this.scheduler = scheduler;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Bean
  Task<String> attemptInFlightDeadlineTask(AttemptRecorder recorder, TransactionTemplate tx) {
    // a final attempt stays as it is: the recorder never moves it again
    return Tasks.oneTime(TASK_NAME, String.class).execute((instance, context) -> tx.executeWithoutResult(
        status -> recorder.record(instance.getData(), "failed", "node_lost", Map.of())));
  }

  /** The channel took the attempt: unless it has ended it already, it has until its limit to. */
  void handedOver(String attemptId, DeliveryChannel channel) {
    channel.inFlightLimit().ifPresent(limit -> {
      if (attempts.find(attemptId).filter(row -> !AttemptStatuses.isFinal(row.attempt().status())).isPresent()) {
        schedule(attemptId, clock.instant().plus(limit));
      }
    });
  }

  @EventListener
  void on(AttemptChanged event) {
    if (AttemptStatuses.isFinal(event.status())
        && dispatcher.channel(event.channel()).flatMap(DeliveryChannel::inFlightLimit).isPresent()) {
      // a deadline that a scheduler thread has picked already runs and changes nothing
      jdbc.update("delete from scheduled_tasks where task_name = ? and task_instance = ? and picked = false",
          TASK_NAME, event.attemptId());
    }
  }

  /** Outside any transaction: a deadline that exists already (a repeated job) stays as it is. */
  private void schedule(String attemptId, Instant at) {
    scheduler.scheduleIfNotExists(new TaskInstance<>(TASK_NAME, attemptId, attemptId), at);
  }
}
