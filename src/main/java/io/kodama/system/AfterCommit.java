package io.kodama.system;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work tied to the end of the current transaction: what must only happen for a committed change
 * (counting it in memory), and forgetting cached rows a transaction changes.
 */
public final class AfterCommit {

  private AfterCommit() {}

  /** Runs the action when the current transaction commits (not on rollback), or now outside a transaction. */
  public static void run(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }

  /**
   * Runs the action now and again when the current transaction ends, committed or rolled back: for
   * forgetting cached copies of rows the transaction changes. Other threads may cache the old row
   * until the commit, and a read inside the transaction may cache a change that is then rolled back.
   */
  public static void nowAndAtEnd(Runnable action) {
    action.run();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          action.run();
        }
      });
    }
  }
}
