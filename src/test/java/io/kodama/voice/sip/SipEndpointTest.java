package io.kodama.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class SipEndpointTest {

  private static final String HOST = "127.0.0.1";
  private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE =
      new java.util.concurrent.atomic.AtomicInteger();

  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
  private SipEndpoint phone;
  private SipEndpoint caller;

  @AfterEach
  void stop() {
    if (caller != null) {
      caller.close();
    }
    if (phone != null) {
      phone.close();
    }
    timers.shutdownNow();
  }

  private void start(Consumer<InboundCall> behaviour, SipChallenge challenge, String transport,
      SipCredentials credentials) {
    int n = SEQUENCE.incrementAndGet();
    phone = SipEndpoint.start(
        SipEndpointSettings.listening("test-phone-" + n, HOST, 0).withChallenge(challenge),
        timers, behaviour::accept);
    caller = SipEndpoint.start(
        new SipEndpointSettings("test-caller-" + n, HOST, 0, null,
            HOST + ":" + phone.port() + "/" + transport, "sim.kodama.test", credentials, null),
        timers, null);
  }

  private Recorder call(String number, Duration ringTimeout) {
    Recorder recorder = new Recorder();
    recorder.call = caller.call(
        new OutboundCallRequest(number, "kodama", HOST, 40000, ringTimeout), recorder);
    return recorder;
  }

  @Test
  void answeredCallEndsWithOurByeAndCarriesTheNegotiatedCodec() throws Exception {
    CompletableFuture<Boolean> phoneSawEnd = new CompletableFuture<>();
    start(call -> {
      call.listen(new InboundCallListener() {
        @Override public void onEnded(boolean byCaller) { phoneSawEnd.complete(byCaller); }
      });
      call.ring();
      call.answer(HOST, 41000);
    }, null, "udp", null);

    Recorder r = call("+81312345678", Duration.ofSeconds(5));
    MediaDescription media = r.answered.get(5, TimeUnit.SECONDS);
    assertThat(media.port()).isEqualTo(41000);
    assertThat(media.encoding()).isEqualTo("PCMU");
    assertThat(media.telephoneEventType()).isEqualTo(101);
    r.call.hangup();

    assertThat(r.ended.get(5, TimeUnit.SECONDS).kind()).isEqualTo(SipCallEnd.Kind.LOCAL_HANGUP);
    assertThat(phoneSawEnd.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void busyCalleeEndsWithItsStatus() throws Exception {
    start(call -> call.reject(486), null, "udp", null);

    SipCallEnd end = call("+81312345678", Duration.ofSeconds(5)).ended.get(5, TimeUnit.SECONDS);

    assertThat(end).isEqualTo(new SipCallEnd(SipCallEnd.Kind.FINAL_RESPONSE, 486, false));
  }

  @Test
  void unansweredCallIsCancelledAtTheRingTimeout() throws Exception {
    CompletableFuture<Boolean> phoneSawEnd = new CompletableFuture<>();
    start(call -> {
      call.listen(new InboundCallListener() {
        @Override public void onEnded(boolean byCaller) { phoneSawEnd.complete(byCaller); }
      });
      call.ring();
    }, null, "udp", null);

    Recorder r = call("+81312345678", Duration.ofMillis(300));

    assertThat(r.ringing.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(r.ended.get(5, TimeUnit.SECONDS))
        .isEqualTo(new SipCallEnd(SipCallEnd.Kind.RING_TIMEOUT, 487, false));
    assertThat(phoneSawEnd.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void calleeHangingUpEndsTheCallAsRemoteHangup() throws Exception {
    start(call -> {
      call.listen(new InboundCallListener() {
        @Override public void onConfirmed() { call.hangup(); }
      });
      call.answer(HOST, 41000);
    }, null, "tcp", null);

    SipCallEnd end = call("+81312345678", Duration.ofSeconds(5)).ended.get(5, TimeUnit.SECONDS);

    assertThat(end.kind()).isEqualTo(SipCallEnd.Kind.REMOTE_HANGUP);
    assertThat(end.answered()).isTrue();
  }

  @Test
  void keyPressInSipInfoReachesTheCaller() throws Exception {
    start(call -> {
      call.listen(new InboundCallListener() {
        @Override public void onConfirmed() { call.sendInfoDigit('7'); }
      });
      call.answer(HOST, 41000);
    }, null, "udp", null);

    Recorder r = call("+81312345678", Duration.ofSeconds(5));

    assertThat(r.digits.poll(5, TimeUnit.SECONDS)).isEqualTo('7');
    r.call.hangup();
    r.ended.get(5, TimeUnit.SECONDS);
  }

  @Test
  void answersA401ChallengeWithDigestCredentials() throws Exception {
    SipCredentials creds = new SipCredentials("kodama", "s3cret");
    start(call -> call.answer(HOST, 41000),
        new SipChallenge("sim.kodama.test", creds, false), "udp", creds);

    Recorder r = call("+81312345678", Duration.ofSeconds(5));

    assertThat(r.answered.get(5, TimeUnit.SECONDS)).isNotNull();
    r.call.hangup();
    r.ended.get(5, TimeUnit.SECONDS);
  }

  @Test
  void answersA407ChallengeOverTcp() throws Exception {
    SipCredentials creds = new SipCredentials("kodama", "s3cret");
    start(call -> call.answer(HOST, 41000),
        new SipChallenge("sim.kodama.test", creds, true), "tcp", creds);

    Recorder r = call("+81312345678", Duration.ofSeconds(5));

    assertThat(r.answered.get(5, TimeUnit.SECONDS)).isNotNull();
    r.call.hangup();
    r.ended.get(5, TimeUnit.SECONDS);
  }

  @Test
  void wrongPasswordEndsWithTheChallengeStatus() throws Exception {
    start(call -> call.answer(HOST, 41000),
        new SipChallenge("sim.kodama.test", new SipCredentials("kodama", "right"), false), "udp",
        new SipCredentials("kodama", "wrong"));

    SipCallEnd end = call("+81312345678", Duration.ofSeconds(5)).ended.get(5, TimeUnit.SECONDS);

    assertThat(end).isEqualTo(new SipCallEnd(SipCallEnd.Kind.FINAL_RESPONSE, 401, false));
  }

  static final class Recorder implements SipCallListener {
    volatile SipCall call;
    final CompletableFuture<Boolean> ringing = new CompletableFuture<>();
    final CompletableFuture<MediaDescription> answered = new CompletableFuture<>();
    final CompletableFuture<SipCallEnd> ended = new CompletableFuture<>();
    final BlockingQueue<Character> digits = new LinkedBlockingQueue<>();

    @Override public void onRinging() { ringing.complete(true); }
    @Override public void onAnswered(MediaDescription media) { answered.complete(media); }
    @Override public void onDigit(char digit) { digits.add(digit); }
    @Override public void onEnded(SipCallEnd end) { ended.complete(end); }
  }
}
