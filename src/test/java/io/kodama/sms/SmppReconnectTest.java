package io.kodama.sms;

import static io.kodama.sms.SmsTestRig.await;
import static io.kodama.sms.SmsTestRig.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.simulator.smsc.InboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SmppReconnectTest {

  private static String number(int i) {
    return String.format("+81901%07d", 2_000_000 + i * 10); // ends in 0: delivered
  }

  @Test
  void dropsMidTrafficLoseNothingAndSendNothingTwice() throws Exception {
    try (SmsTestRig rig = new SmsTestRig(c -> c.withWindow(8, 0)
        .withTimings(Duration.ofMillis(1500), Duration.ofMillis(50), Duration.ofMillis(200)))) {
      int count = 300;
      ExecutorService jobs = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String number = number(i);
        String attempt = "att_r" + i;
        done.add(jobs.submit(() -> {
          rig.deliverWithRetries(task(attempt, number, "ja"));
          return null;
        }));
      }
      // drop every connection twice while submits are in flight
      for (long at : new long[] {100, 200}) {
        await("traffic", () -> rig.simulator.acceptedSubmits() >= at);
        rig.simulator.dropConnections();
      }
      for (Future<?> f : done) {
        f.get();
      }
      jobs.shutdown();
      // the SMSC keeps receipts until a receiver binds again; a submit written just as the
      // connection died may never have reached the SMSC: it is not resent, and fails when no
      // receipt comes in time (the voice fallback then takes over)
      await("every reached SMS delivered", () -> {
        for (int i = 0; i < count; i++) {
          if (!rig.simulator.inbox(number(i)).isEmpty()
              && !rig.updates.statusesOf("att_r" + i).contains("delivered")) {
            return false;
          }
        }
        return true;
      });
      rig.clock.advance(Duration.ofMinutes(3));
      rig.timeouts.sweep();
      int delivered = 0;
      for (int i = 0; i < count; i++) {
        List<InboxMessage> inbox = rig.simulator.inbox(number(i));
        List<String> statuses = rig.updates.statusesOf("att_r" + i);
        assertThat(inbox).as("inbox of message %d", i).hasSizeLessThanOrEqualTo(1);
        if (inbox.size() == 1) {
          delivered++;
          assertThat(statuses).as("attempt %d", i).containsExactly("submitted", "delivered");
        } else {
          assertThat(statuses).as("attempt %d", i).containsExactly("submitted", "failed");
          assertThat(rig.updates.last("att_r" + i).reason()).isEqualTo("no_receipt");
        }
      }
      assertThat(rig.simulator.acceptedSubmits()).isEqualTo(delivered);
      assertThat(delivered).isGreaterThanOrEqualTo(count - 20);
    }
  }

  @Test
  void anSmsWaitingForTheSmscIsClaimedOnlyWhenItIsWritten() throws Exception {
    try (SmsTestRig rig = new SmsTestRig(c -> c)) {
      rig.simulator.close();
      await("unbound", () -> !rig.client.isFullyBound());
      Thread job = new Thread(() -> rig.channel.deliver(task("att_wait", "+819012340120", "ja")));
      job.start();
      await("the job waiting for a session", () -> job.getState() == Thread.State.WAITING);
      // a node that dies now has not handed the SMS over: the job's retry on another node sends it
      assertThat(rig.store.state("att_wait")).isEmpty();

      rig.restartSimulator();
      job.join(30_000);
      await("delivered", () -> rig.updates.statusesOf("att_wait").contains("delivered"));
      assertThat(rig.simulator.inbox("+819012340120")).hasSize(1);
      assertThat(rig.updates.statusesOf("att_wait")).containsExactly("submitted", "delivered");
    }
  }

  @Test
  void transmitterAndReceiverSessionsCarrySubmitsAndReceipts() throws Exception {
    try (SmsTestRig rig = new SmsTestRig(c -> c.withBindType(SmsProperties.BindType.TX_RX))) {
      assertThat(rig.simulator.boundSessions()).isEqualTo(2);
      rig.channel.deliver(task("att_txrx", "+819012340120", "en"));
      await("delivered", () -> rig.updates.statusesOf("att_txrx").contains("delivered"));
      assertThat(rig.updates.statusesOf("att_txrx")).containsExactly("submitted", "delivered");
    }
  }
}
