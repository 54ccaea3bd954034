package io.kodama.voice.rtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in: moves the calling thread to the Linux real-time scheduler ({@code SCHED_FIFO}) with
 * {@code chrt}, so that the pacing thread is not delayed by busy threads of other processes.
 * Needs Linux, {@code chrt} (util-linux) and {@code CAP_SYS_NICE}; without them it logs why and
 * the thread stays on the normal scheduler. The kernel's real-time throttling (by default 95 % of
 * each second) still protects the machine should the thread ever spin.
 */
final class RealtimeScheduling {

  private static final Logger log = LoggerFactory.getLogger(RealtimeScheduling.class);
  static final int PRIORITY = 10;

  private RealtimeScheduling() {}

  /** Returns whether the current thread now runs with SCHED_FIFO. */
  static boolean raiseCurrentThread() {
    Path self = Path.of("/proc/thread-self");
    String threadId;
    try {
      Path target = Files.readSymbolicLink(self); // "<pid>/task/<tid>"
      threadId = target.getFileName().toString();
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("real-time RTP pacing needs Linux (/proc/thread-self): staying on the normal scheduler");
      return false;
    }
    try {
      Process chrt =
          new ProcessBuilder("chrt", "-f", "-p", Integer.toString(PRIORITY), threadId)
              .redirectErrorStream(true)
              .start();
      String output = new String(chrt.getInputStream().readAllBytes()).strip();
      if (!chrt.waitFor(5, TimeUnit.SECONDS) || chrt.exitValue() != 0) {
        log.warn("chrt could not make the RTP pacing thread real-time ({}); needs CAP_SYS_NICE",
            output);
        return false;
      }
      log.info("RTP pacing thread {} runs with SCHED_FIFO priority {}", threadId, PRIORITY);
      return true;
    } catch (IOException e) {
      log.warn("chrt is not available: the RTP pacing thread stays on the normal scheduler", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
