package io.kodama.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes items that many threads finish at once in shared batches, the way a database commits a
 * group of transactions with one flush: a thread that submits an item while another thread is
 * writing waits, then writes everything that queued up meanwhile in one batch. One thread alone
 * writes its item by itself, without waiting. {@link #submit} returns once its item is written,
 * and throws when the batch that held it failed (the writer is expected to be all or nothing, e.g.
 * one transaction).
 */
public final class GroupCommit<T> {

  private final Consumer<List<T>> writer;
  private final int maxBatch;
  private final ConcurrentLinkedQueue<Entry<T>> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  /** An item and what became of it; its fields are written and read under the lock. */
  private static final class Entry<T> {
    final T item;
    boolean done;
    RuntimeException failure;

    Entry(T item) {
      this.item = item;
    }
  }

  public GroupCommit(Consumer<List<T>> writer, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.writer = writer;
    this.maxBatch = maxBatch;
  }

  /** Writes the item, alone or with others; returns when it is written. */
  public void submit(T item) {
    Entry<T> mine = new Entry<>(item);
    queue.add(mine);
    writing.lock();
    try {
      // mine is in the queue until a batch takes it, and only the lock holder takes batches
      while (!mine.done) {
        List<Entry<T>> batch = new ArrayList<>();
        for (Entry<T> next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
          batch.add(next);
        }
        RuntimeException failure = null;
        try {
          writer.accept(batch.stream().map(e -> e.item).toList());
        } catch (RuntimeException e) {
          failure = e;
        }
        for (Entry<T> e : batch) {
          e.failure = failure;
          e.done = true;
        }
      }
    } finally {
      writing.unlock();
    }
    if (mine.failure != null) {
      throw new IllegalStateException("Writing a batch of " + mine.item.getClass().getSimpleName() + " failed: "
          + mine.failure.getMessage(), mine.failure);
    }
  }
}
