package io.kodama.voice.sip;

import gov.nist.javax.sip.stack.SIPDialog;
import io.kodama.phone.MaskedNumber;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of one call: INVITE (with digest retry), ring timeout and CANCEL, ACK (saved
 * and re-sent for retransmitted 200s), BYE, and in-dialog requests from the callee.
 */
final class OutboundSipCall implements SipCall {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundSipCall.class);
  private static final int MAX_AUTH_ATTEMPTS = 2;

  private enum State {
    CALLING,
    PROCEEDING,
    ANSWERED,
    ENDED
  }

  private final SipEndpoint endpoint;
  private final OutboundCallRequest request;
  private final SipCallListener listener;
  private final CallIdHeader callIdHeader;
  private final String fromTag = SipEndpoint.newTag();
  private final long sessionId = Sdp.newSessionId();

  // guarded by this
  private State state = State.CALLING;
  private long cseq = 1;
  private ClientTransaction inviteTx;
  private Dialog dialog;
  private Request ack;
  private int authAttempts;
  private int byeAuthAttempts;
  private boolean provisional;
  private boolean ringingReported;
  private boolean cancelWanted;
  private boolean cancelSent;
  private boolean ringTimedOut;
  private boolean byeSent;
  private long sdpVersion = 1;
  private ScheduledFuture<?> ringTimer;
  private SipCallEnd pendingEnd; // decided when we end an answered call with BYE

  OutboundSipCall(SipEndpoint endpoint, OutboundCallRequest request, SipCallListener listener) {
    this.endpoint = endpoint;
    this.request = request;
    this.listener = listener;
    this.callIdHeader = endpoint.provider.getNewCallId();
  }

  @Override
  public String id() {
    return callIdHeader.getCallId();
  }

  void start() {
    synchronized (this) {
      try {
        inviteTx = endpoint.send(invite(null, null));
      } catch (Exception e) {
        state = State.ENDED;
        throw SipSignallingException.of(
            "cannot send INVITE to " + MaskedNumber.of(request.number()), e);
      }
      ringTimer =
          endpoint.timers.schedule(
              this::onRingTimeout, request.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    LOG.debug("INVITE sent to {} (call {})", MaskedNumber.of(request.number()), id());
  }

  private Request invite(String authHeaderName, String authValue) throws Exception {
    String domain = endpoint.domain();
    SipURI requestUri = (SipURI) endpoint.addresses.createURI("sip:" + request.number() + "@" + domain);
    requestUri.setParameter("user", "phone");
    FromHeader from =
        endpoint.headers.createFromHeader(
            endpoint.addresses.createAddress("sip:" + request.callerId() + "@" + domain), fromTag);
    ToHeader to =
        endpoint.headers.createToHeader(
            endpoint.addresses.createAddress("sip:" + request.number() + "@" + domain), null);
    Request invite = endpoint.newRequest(Request.INVITE, requestUri, callIdHeader, cseq, from, to);
    invite.addHeader(endpoint.contact("kodama"));
    endpoint.addAllow(invite);
    invite.addHeader(endpoint.userAgent());
    if (authHeaderName != null) {
      invite.addHeader(endpoint.headers.createHeader(authHeaderName, authValue));
    }
    invite.setContent(
        Sdp.offer(request.rtpHost(), request.rtpPort(), sessionId, sdpVersion), endpoint.sdpType());
    return invite;
  }

  @Override
  public void hangup() {
    boolean bye = false;
    boolean cancel = false;
    synchronized (this) {
      switch (state) {
        case ANSWERED -> bye = !byeSent;
        case CALLING, PROCEEDING -> {
          cancelWanted = true;
          cancel = provisional && !cancelSent;
        }
        case ENDED -> {
          return;
        }
      }
    }
    if (bye) {
      sendBye();
    } else if (cancel) {
      sendCancel();
    }
  }

  private void onRingTimeout() {
    boolean cancel;
    synchronized (this) {
      if (state != State.CALLING && state != State.PROCEEDING) {
        return;
      }
      ringTimedOut = true;
      cancelWanted = true;
      cancel = provisional && !cancelSent;
    }
    LOG.debug("ring timeout on call {}", id());
    if (cancel) {
      sendCancel();
    }
  }

  void onResponse(ResponseEvent event) {
    Response response = event.getResponse();
    CSeqHeader cseqHeader = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    int status = response.getStatusCode();
    switch (cseqHeader.getMethod()) {
      case Request.INVITE -> onInviteResponse(event, response, status, cseqHeader.getSeqNumber());
      case Request.BYE -> {
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
            && retryByeWithCredentials(response, status)) {
          return;
        }
        if (status >= 200) {
          end(SipCallEnd.Kind.LOCAL_HANGUP, Response.OK, true);
        }
      }
      default -> {
        // CANCEL and INFO answers need nothing
      }
    }
  }

  private void onInviteResponse(ResponseEvent event, Response response, int status, long seq) {
    if (status < 200) {
      boolean ringing = false;
      boolean cancel = false;
      synchronized (this) {
        if (state == State.CALLING) {
          state = State.PROCEEDING;
        }
        provisional = true;
        if ((status == Response.RINGING || status == Response.SESSION_PROGRESS) && !ringingReported) {
          ringingReported = true;
          ringing = true;
        }
        if (cancelWanted && !cancelSent && state == State.PROCEEDING) {
          cancel = true;
        }
      }
      if (ringing) {
        listener.onRinging();
      }
      if (cancel) {
        sendCancel();
      }
    } else if (status < 300) {
      onSuccess(event, response, seq);
    } else {
      onFailure(event, response, status);
    }
  }

  private void onSuccess(ResponseEvent event, Response response, long seq) {
    Dialog d = event.getDialog();
    boolean hangUp;
    Optional<MediaDescription> media;
    synchronized (this) {
      if (ack != null) {
        // retransmitted 200 (arrives without a client transaction): the ACK was lost
        resendAck();
        return;
      }
      if (d == null || state == State.ENDED) {
        LOG.warn("200 OK without dialog on call {}", id());
        return;
      }
      dialog = d;
      try {
        ack = d.createAck(seq);
        d.sendAck(ack);
      } catch (Exception e) {
        LOG.warn("cannot send ACK on call {}", id(), e);
      }
      cancelTimer();
      media = Sdp.firstG711(response.getRawContent());
      hangUp = cancelWanted || media.isEmpty();
      state = State.ANSWERED;
      if (hangUp) {
        // answered after our CANCEL (or with nothing we can play): decide how the call ended
        // before the BYE goes out, since its answer (or its failure) ends the call on any thread
        SipCallEnd.Kind kind =
            media.isEmpty() && !cancelWanted
                ? SipCallEnd.Kind.NO_MEDIA
                : ringTimedOut ? SipCallEnd.Kind.RING_TIMEOUT : SipCallEnd.Kind.CANCELLED;
        int status = kind == SipCallEnd.Kind.NO_MEDIA ? Response.NOT_ACCEPTABLE_HERE : Response.OK;
        pendingEnd = new SipCallEnd(kind, status, true);
      }
    }
    if (hangUp) {
      sendBye();
      return;
    }
    LOG.debug("call {} answered", id());
    listener.onAnswered(media.get());
  }

  private void onFailure(ResponseEvent event, Response response, int status) {
    boolean retried = false;
    if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)) {
      retried = retryWithCredentials(response, status);
    }
    if (retried) {
      return;
    }
    SipCallEnd.Kind kind;
    synchronized (this) {
      if (ringTimedOut && status == Response.REQUEST_TERMINATED) {
        kind = SipCallEnd.Kind.RING_TIMEOUT;
      } else if (cancelSent && status == Response.REQUEST_TERMINATED) {
        kind = SipCallEnd.Kind.CANCELLED;
      } else {
        kind = SipCallEnd.Kind.FINAL_RESPONSE;
      }
    }
    end(kind, status, false);
  }

  private boolean retryWithCredentials(Response response, int status) {
    SipCredentials credentials = endpoint.settings.credentials();
    boolean proxy = status == Response.PROXY_AUTHENTICATION_REQUIRED;
    String challenge =
        SipEndpoint.headerValue(response, proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
    synchronized (this) {
      if (credentials == null
          || challenge == null
          || authAttempts >= MAX_AUTH_ATTEMPTS
          || cancelWanted
          || state == State.ENDED) {
        return false;
      }
      authAttempts++;
      cseq++;
      try {
        Map<String, String> params = Digest.params(challenge);
        String uri = "sip:" + request.number() + "@" + endpoint.domain() + ";user=phone";
        String value = Digest.authorization(params, credentials, Request.INVITE, uri);
        provisional = false;
        state = State.CALLING;
        inviteTx =
            endpoint.send(invite(proxy ? "Proxy-Authorization" : "Authorization", value));
        return true;
      } catch (Exception e) {
        LOG.warn("cannot answer the {} challenge on call {}", status, id(), e);
        return false;
      }
    }
  }

  /** Some trunks challenge the BYE too: send it again with credentials, at most twice. */
  private boolean retryByeWithCredentials(Response response, int status) {
    SipCredentials credentials = endpoint.settings.credentials();
    boolean proxy = status == Response.PROXY_AUTHENTICATION_REQUIRED;
    String challenge =
        SipEndpoint.headerValue(response, proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
    Dialog d;
    synchronized (this) {
      if (credentials == null || challenge == null || byeAuthAttempts >= MAX_AUTH_ATTEMPTS
          || dialog == null) {
        return false;
      }
      byeAuthAttempts++;
      d = dialog;
    }
    try {
      Request bye = d.createRequest(Request.BYE);
      String value =
          Digest.authorization(
              Digest.params(challenge), credentials, Request.BYE, bye.getRequestURI().toString());
      bye.addHeader(
          endpoint.headers.createHeader(proxy ? "Proxy-Authorization" : "Authorization", value));
      SipEndpoint.sendInDialog(endpoint, d, bye);
      return true;
    } catch (Exception e) {
      LOG.warn("cannot answer the {} challenge to BYE on call {}", status, id(), e);
      return false;
    }
  }

  void onTimeout(ClientTransaction transaction) {
    String method = transaction.getRequest().getMethod();
    if (method.equals(Request.INVITE)) {
      boolean timedOut;
      synchronized (this) {
        if (state != State.CALLING && state != State.PROCEEDING) {
          return;
        }
        timedOut = ringTimedOut;
      }
      end(
          timedOut ? SipCallEnd.Kind.RING_TIMEOUT : SipCallEnd.Kind.NO_RESPONSE,
          Response.REQUEST_TIMEOUT,
          false);
    } else if (method.equals(Request.BYE)) {
      end(SipCallEnd.Kind.LOCAL_HANGUP, Response.OK, true);
    }
  }

  void onBye(RequestEvent event) {
    endpoint.respond(event, Response.OK);
    end(SipCallEnd.Kind.REMOTE_HANGUP, Response.OK, true);
  }

  void onInfoDigit(char digit) {
    listener.onDigit(digit);
  }

  /** A re-INVITE (hold, codec or address change, session refresh): answer with our audio. */
  void onReInvite(RequestEvent event) throws Exception {
    Request reInvite = event.getRequest();
    Optional<MediaDescription> media = Sdp.firstG711(reInvite.getRawContent());
    ServerTransaction st = endpoint.serverTransaction(event);
    Response response;
    synchronized (this) {
      if (state != State.ANSWERED) {
        st.sendResponse(endpoint.messages.createResponse(Response.REQUEST_PENDING, reInvite));
        return;
      }
      if (reInvite.getRawContent() != null && media.isEmpty()) {
        st.sendResponse(endpoint.messages.createResponse(Response.NOT_ACCEPTABLE_HERE, reInvite));
        return;
      }
      sdpVersion++;
      response = endpoint.messages.createResponse(Response.OK, reInvite);
      response.addHeader(endpoint.contact("kodama"));
      byte[] sdp =
          media.isPresent()
              ? Sdp.answer(request.rtpHost(), request.rtpPort(), sessionId, sdpVersion, media.get())
              : Sdp.offer(request.rtpHost(), request.rtpPort(), sessionId, sdpVersion);
      response.setContent(sdp, endpoint.sdpType());
    }
    st.sendResponse(response);
    media.ifPresent(listener::onMediaChanged);
  }

  private void sendCancel() {
    ClientTransaction tx;
    synchronized (this) {
      if (cancelSent || inviteTx == null) {
        return;
      }
      cancelSent = true;
      tx = inviteTx;
    }
    try {
      Request cancel = tx.createCancel();
      endpoint.provider.getNewClientTransaction(cancel).sendRequest();
    } catch (Exception e) {
      LOG.warn("cannot send CANCEL on call {}", id(), e);
    }
  }

  private void sendBye() {
    Dialog d;
    synchronized (this) {
      if (byeSent || dialog == null) {
        return;
      }
      byeSent = true;
      d = dialog;
    }
    try {
      Request bye = d.createRequest(Request.BYE);
      SipEndpoint.sendInDialog(endpoint, d, bye);
    } catch (Exception e) {
      LOG.warn("cannot send BYE on call {}", id(), e);
      end(SipCallEnd.Kind.LOCAL_HANGUP, Response.OK, true);
    }
  }

  private void resendAck() {
    try {
      if (dialog instanceof SIPDialog sipDialog) {
        sipDialog.resendAck();
      } else {
        dialog.sendAck(ack);
      }
    } catch (Exception e) {
      LOG.debug("cannot re-send ACK on call {}", id(), e);
    }
  }

  private void cancelTimer() {
    if (ringTimer != null) {
      ringTimer.cancel(false);
    }
  }

  private void end(SipCallEnd.Kind kind, int status, boolean answered) {
    SipCallEnd end;
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      state = State.ENDED;
      cancelTimer();
      end = pendingEnd != null ? pendingEnd : new SipCallEnd(kind, status, answered);
    }
    endpoint.forget(this);
    LOG.debug("call {} ended: {} {}", id(), end.kind(), end.sipStatus());
    listener.onEnded(end);
  }

  /** ACK and BYE a 200 OK that belongs to no call we know (late answer after we gave up). */
  static void ackAndByeStray(SipEndpoint endpoint, ResponseEvent event) {
    Dialog d = event.getDialog();
    try {
      long seq = ((CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
      d.sendAck(d.createAck(seq));
      SipEndpoint.sendInDialog(endpoint, d, d.createRequest(Request.BYE));
    } catch (Exception e) {
      LOG.debug("cannot end a stray dialog", e);
    }
  }
}
