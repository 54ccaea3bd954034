package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstWriteEntered = new CountDownLatch(1);
  private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
  private final List<Thread> submitters = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r);
    submitters.add(t);
    return t;
  });

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Records each batch; the first one waits until the test lets it go. */
  private final Consumer<List<String>> recordingWriter = batch -> {
    batches.add(batch);
    if (batches.size() == 1) {
      firstWriteEntered.countDown();
      await(releaseFirstWrite);
    }
  };

  @Test
  void oneThreadAloneWritesItsItemByItself() {
    GroupCommit<String> commit = new GroupCommit<>(batches::add, 10);
    commit.submit("a");
    commit.submit("b");
    assertThat(batches).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void itemsSubmittedDuringAWriteShareTheNextBatch() throws Exception {
    GroupCommit<String> commit = new GroupCommit<>(recordingWriter, 100);
    List<Future<?>> done = submitWhileTheFirstWriteIsBlocked(commit, 7);
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).containsExactly("first");
    assertThat(batches.get(1)).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7");
  }

  @Test
  void aBatchHoldsAtMostMaxBatchItems() throws Exception {
    GroupCommit<String> commit = new GroupCommit<>(recordingWriter, 3);
    for (Future<?> f : submitWhileTheFirstWriteIsBlocked(commit, 7)) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertThat(batches.stream().map(List::size).toList()).containsExactly(1, 3, 3, 1);
    assertThat(batches.stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrder("first", "1", "2", "3", "4", "5", "6", "7");
  }

  @Test
  void everyItemOfAFailedBatchFailsAndTheNextBatchIsWritten() throws Exception {
    GroupCommit<String> commit = new GroupCommit<>(batch -> {
      recordingWriter.accept(batch);
      if (batch.contains("2")) {
        throw new IllegalStateException("database down");
      }
    }, 100);
    List<Future<?>> done = submitWhileTheFirstWriteIsBlocked(commit, 3);
    done.get(0).get(30, TimeUnit.SECONDS);
    for (Future<?> f : done.subList(1, done.size())) {
      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
          .hasRootCauseMessage("database down")
          .hasMessageContaining("Writing a batch of String failed");
    }
    commit.submit("after");
    assertThat(batches.get(batches.size() - 1)).containsExactly("after");
  }

  /**
   * Submits "first", and while its write is blocked, n more items from n threads; lets the first
   * write go once all n threads wait for it. Returns the n+1 submissions, "first" first.
   */
  private List<Future<?>> submitWhileTheFirstWriteIsBlocked(GroupCommit<String> commit, int n) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    done.add(pool.submit(() -> commit.submit("first")));
    assertThat(firstWriteEntered.await(30, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= n; i++) {
      String item = Integer.toString(i);
      done.add(pool.submit(() -> commit.submit(item)));
    }
    // each waiting thread queued its item before it parked on the lock
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (submitters.stream().filter(t -> t.getState() == Thread.State.WAITING).count() < n
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    releaseFirstWrite.countDown();
    return done;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
