package io.kodama.system;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts a durable job that is due now as soon as the transaction that scheduled it commits, on
 * this node. db-scheduler's own immediate execution ({@code db-scheduler.immediate-execution-enabled})
 * wakes the poller at the moment the job's row is written, before it is committed: the poller finds
 * nothing and the job waits for the next poll ({@code db-scheduler.polling-interval}, 1 s). Every
 * Kodama job is scheduled inside the transaction whose state change it delivers (the outbox), so
 * that was every SMS, fallback call and webhook. Other nodes still find the job at their next poll.
 */
@Component
class RunDueJobsAfterCommit extends AbstractSchedulerListener {

  private final Runnable checkForDueJobs;
  private final Clock clock;
  /** One per transaction, however many jobs it schedules. */
  private final TransactionSynchronization afterCommit = new TransactionSynchronization() {
    @Override
    public void afterCommit() {
      checkForDueJobs.run();
    }
  };

  @Autowired
  RunDueJobsAfterCommit(ObjectProvider<Scheduler> scheduler, Clock clock) {
    this(() -> checkForDueJobs(scheduler.getIfAvailable()), clock);
  }

  RunDueJobsAfterCommit(Runnable checkForDueJobs, Clock clock) {
    this.checkForDueJobs = checkForDueJobs;
    this.clock = clock;
  }

  @Override
  public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
    if (executionTime.isAfter(clock.instant())) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      checkForDueJobs.run();
    } else if (!TransactionSynchronizationManager.getSynchronizations().contains(afterCommit)) {
      TransactionSynchronizationManager.registerSynchronization(afterCommit);
    }
  }

  private static void checkForDueJobs(Scheduler scheduler) {
    if (scheduler == null) {
      return;
    }
    SchedulerState state = scheduler.getSchedulerState();
    if (state.isStarted() && !state.isShuttingDown()) {
      scheduler.triggerCheckForDueExecutions();
    }
  }
}
