package io.kodama.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer that crosses the ring timeout's CANCEL, with the orderings a loaded machine produces
 * and a network test cannot choose. The trunk is a UDP socket the test scripts (180, then the
 * CANCEL arrives); the crossing 200 is handed to the call with a dialog the test controls.
 */
class OutboundSipCallTest {

  private static final String HOST = "127.0.0.1";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private DatagramSocket trunk;
  private SipEndpoint kodama;
  private final SipEndpointTest.Recorder recorder = new SipEndpointTest.Recorder();
  private OutboundSipCall call;
  private Request invite;
  private ToHeader calleeTo;

  @BeforeEach
  void ringUntilTheRingTimeoutCancels() throws Exception {
    trunk = new DatagramSocket(new InetSocketAddress(HOST, 0));
    trunk.setSoTimeout(5000);
    kodama = SipEndpoint.start(
        new SipEndpointSettings("race-caller-" + SEQUENCE.incrementAndGet(), HOST, 0, null,
            HOST + ":" + trunk.getLocalPort() + "/udp", "sim.kodama.test", null, null),
        timers, null);
    call = (OutboundSipCall) kodama.call(
        new OutboundCallRequest("+81312345678", "kodama", HOST, 40000, Duration.ofMillis(200)),
        recorder);
    invite = receive(Request.INVITE);
    Response ringing = kodama.messages.createResponse(Response.RINGING, invite);
    calleeTo = (ToHeader) ringing.getHeader(ToHeader.NAME);
    calleeTo.setTag("callee");
    send(ringing);
    assertThat(recorder.ringing.get(5, TimeUnit.SECONDS)).isTrue();
    receive(Request.CANCEL);
  }

  @AfterEach
  void stop() {
    kodama.close();
    trunk.close();
    timers.shutdownNow();
  }

  @Test
  void crossingAnswerIsAckedByedAndReportedAsRingTimeoutWhenTheByeIsAnsweredAtOnce()
      throws Exception {
    Dialog dialog = mock(Dialog.class);
    when(dialog.createAck(anyLong())).thenReturn(mock(Request.class));
    when(dialog.createRequest(Request.BYE)).thenReturn(bye());
    doAnswer(sent -> {
      // the trunk's 200 to the BYE, handled by another stack thread before sendRequest returns
      ClientTransaction tx = sent.getArgument(0);
      Response ok = kodama.messages.createResponse(Response.OK, tx.getRequest());
      CompletableFuture.runAsync(() -> call.onResponse(new ResponseEvent(kodama.provider, tx, dialog, ok)))
          .get(5, TimeUnit.SECONDS);
      return null;
    }).when(dialog).sendRequest(any());

    call.onResponse(new ResponseEvent(kodama.provider, null, dialog, answer()));

    assertThat(recorder.ended.get(5, TimeUnit.SECONDS))
        .isEqualTo(new SipCallEnd(SipCallEnd.Kind.RING_TIMEOUT, Response.OK, true));
    verify(dialog).sendAck(any());
    verify(dialog).sendRequest(any());
    assertThat(recorder.answered).isNotDone();
  }

  @Test
  void crossingAnswerWhoseByeCannotBeSentIsStillReportedAsRingTimeout() throws Exception {
    Dialog dialog = mock(Dialog.class);
    when(dialog.createAck(anyLong())).thenReturn(mock(Request.class));
    when(dialog.createRequest(Request.BYE)).thenThrow(new SipException("dialog terminated"));

    call.onResponse(new ResponseEvent(kodama.provider, null, dialog, answer()));

    assertThat(recorder.ended.get(5, TimeUnit.SECONDS))
        .isEqualTo(new SipCallEnd(SipCallEnd.Kind.RING_TIMEOUT, Response.OK, true));
    verify(dialog).sendAck(any());
  }

  /** The callee's 200 to the INVITE, sent as the CANCEL was on its way. */
  private Response answer() throws Exception {
    Response ok = kodama.messages.createResponse(Response.OK, invite);
    ok.setHeader(calleeTo);
    ok.setContent(Sdp.offer(HOST, 41000, 1, 1), kodama.sdpType());
    return ok;
  }

  private Request bye() throws Exception {
    return kodama.newRequest(Request.BYE, (SipURI) invite.getRequestURI(),
        (CallIdHeader) invite.getHeader(CallIdHeader.NAME), 2,
        (FromHeader) invite.getHeader(FromHeader.NAME), calleeTo);
  }

  /** The next request of this method Kodama sent to the trunk (retransmissions are skipped). */
  private Request receive(String method) throws Exception {
    byte[] buffer = new byte[65536];
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      trunk.receive(packet);
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      if (text.startsWith(method + " ")) {
        return kodama.messages.createRequest(text);
      }
    }
  }

  private void send(Response response) throws Exception {
    byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
    trunk.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(HOST, kodama.port())));
  }
}
