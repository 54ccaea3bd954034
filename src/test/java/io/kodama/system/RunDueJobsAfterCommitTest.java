package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class RunDueJobsAfterCommitTest {

  private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  private final AtomicInteger checks = new AtomicInteger();
  private final RunDueJobsAfterCommit listener =
      new RunDueJobsAfterCommit(checks::incrementAndGet, Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void endTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void wakesTheSchedulerOnceAfterTheCommitNotWhenTheJobIsWritten() {
    TransactionSynchronizationManager.initSynchronization();
    listener.onExecutionScheduled(TaskInstanceId.of("deliver-attempt", "att_1"), NOW);
    listener.onExecutionScheduled(TaskInstanceId.of("deliver-attempt", "att_2"), NOW.minusSeconds(1));
    assertThat(checks).as("the rows are not committed yet").hasValue(0);

    TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
    assertThat(checks).hasValue(1);
  }

  @Test
  void wakesTheSchedulerNoMoreWhenTheTransactionRollsBack() {
    TransactionSynchronizationManager.initSynchronization();
    listener.onExecutionScheduled(TaskInstanceId.of("deliver-attempt", "att_1"), NOW);
    TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
        TransactionSynchronization.STATUS_ROLLED_BACK);
    assertThat(checks).hasValue(0);
  }

  @Test
  void wakesTheSchedulerAtOnceOutsideATransaction() {
    listener.onExecutionScheduled(TaskInstanceId.of("deliver-attempt", "att_1"), NOW);
    assertThat(checks).hasValue(1);
  }

  @Test
  void leavesJobsDueLaterToThePoll() {
    listener.onExecutionScheduled(TaskInstanceId.of("sms-receipt-timeout", "att_1"), NOW.plusSeconds(60));
    TransactionSynchronizationManager.initSynchronization();
    listener.onExecutionScheduled(TaskInstanceId.of("sms-receipt-timeout", "att_2"), NOW.plusSeconds(60));
    assertThat(TransactionSynchronizationManager.getSynchronizations()).isEmpty();
    assertThat(checks).hasValue(0);
  }
}
