package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class AfterCommitTest {

  private final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void endTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void runsOnlyForACommit() {
    TransactionSynchronizationManager.initSynchronization();
    AfterCommit.run(runs::incrementAndGet);
    assertThat(runs).hasValue(0);
    TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
    assertThat(runs).hasValue(1);
  }

  @Test
  void forgetsNowAndAgainWhenTheTransactionEndsEvenByARollback() {
    TransactionSynchronizationManager.initSynchronization();
    AfterCommit.nowAndAtEnd(runs::incrementAndGet);
    assertThat(runs).hasValue(1);
    TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
        TransactionSynchronization.STATUS_ROLLED_BACK);
    assertThat(runs).hasValue(2);
  }

  @Test
  void runsOnceOutsideATransaction() {
    AfterCommit.run(runs::incrementAndGet);
    AfterCommit.nowAndAtEnd(runs::incrementAndGet);
    assertThat(runs).hasValue(2);
  }
}
