package io.kodama.voice.sip;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The callee's side of one call: 180, 200 with an SDP answer or a rejection; BYE, CANCEL, INFO. */
final class InboundSipCall implements InboundCall {

  private static final Logger LOG = LoggerFactory.getLogger(InboundSipCall.class);
  private static final InboundCallListener NOBODY = new InboundCallListener() {};

  private enum State {
    OFFERED,
    ANSWERED,
    CONFIRMED,
    ENDED
  }

  private final SipEndpoint endpoint;
  private final ServerTransaction inviteTx;
  private final Request invite;
  private final String id;
  private final String toTag = SipEndpoint.newTag();
  private final MediaDescription offer;
  private final long sessionId = Sdp.newSessionId();
  private volatile InboundCallListener listener = NOBODY;

  // guarded by this
  private State state = State.OFFERED;
  private Dialog dialog;
  private byte[] answerSdp;
  private MediaDescription chosen;
  private boolean byeSent;

  InboundSipCall(SipEndpoint endpoint, ServerTransaction inviteTx, Request invite) {
    this.endpoint = endpoint;
    this.inviteTx = inviteTx;
    this.invite = invite;
    this.id = SipEndpoint.callId(invite);
    this.offer = Sdp.firstG711(invite.getRawContent()).orElse(null);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String dialled() {
    return SipEndpoint.userOf(invite.getRequestURI());
  }

  @Override
  public String caller() {
    return SipEndpoint.userOf(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI());
  }

  @Override
  public MediaDescription offer() {
    return offer;
  }

  @Override
  public void listen(InboundCallListener listener) {
    this.listener = listener;
  }

  @Override
  public synchronized void ring() {
    if (state != State.OFFERED) {
      return;
    }
    try {
      Response ringing = response(Response.RINGING);
      ringing.addHeader(endpoint.contact(dialled()));
      inviteTx.sendResponse(ringing);
    } catch (Exception e) {
      LOG.warn("cannot send 180 on call {}", id, e);
    }
  }

  @Override
  public void reject(int status) {
    synchronized (this) {
      if (state != State.OFFERED) {
        return;
      }
      state = State.ENDED;
      try {
        inviteTx.sendResponse(response(status));
      } catch (Exception e) {
        LOG.warn("cannot send {} on call {}", status, id, e);
      }
    }
    finish(false);
  }

  @Override
  public MediaDescription answer(String rtpHost, int rtpPort) {
    synchronized (this) {
      if (state != State.OFFERED) {
        return chosen;
      }
      if (offer == null) {
        state = State.ENDED;
        try {
          inviteTx.sendResponse(response(Response.NOT_ACCEPTABLE_HERE));
        } catch (Exception e) {
          LOG.warn("cannot send 488 on call {}", id, e);
        }
      } else {
        try {
          Response ok = response(Response.OK);
          ok.addHeader(endpoint.contact(dialled()));
          endpoint.addAllow(ok);
          answerSdp = Sdp.answer(rtpHost, rtpPort, sessionId, 1, offer);
          ok.setContent(answerSdp, endpoint.sdpType());
          inviteTx.sendResponse(ok);
          dialog = inviteTx.getDialog();
          chosen = offer;
          state = State.ANSWERED;
          return chosen;
        } catch (Exception e) {
          state = State.ENDED;
          LOG.warn("cannot answer call {}", id, e);
        }
      }
    }
    finish(false);
    return null;
  }

  @Override
  public void sendInfoDigit(char digit) {
    Dialog d;
    synchronized (this) {
      if (state != State.CONFIRMED && state != State.ANSWERED) {
        return;
      }
      d = dialog;
    }
    try {
      Request info = d.createRequest(Request.INFO);
      String body = "Signal=" + digit + "\r\nDuration=160\r\n";
      info.setContent(
          body.getBytes(StandardCharsets.US_ASCII),
          endpoint.headers.createContentTypeHeader("application", "dtmf-relay"));
      SipEndpoint.sendInDialog(endpoint, d, info);
    } catch (Exception e) {
      LOG.warn("cannot send INFO on call {}", id, e);
    }
  }

  @Override
  public void hangup() {
    Dialog d = null;
    synchronized (this) {
      switch (state) {
        case OFFERED -> {
          state = State.ENDED;
          try {
            inviteTx.sendResponse(response(Response.TEMPORARILY_UNAVAILABLE));
          } catch (Exception e) {
            LOG.warn("cannot send 480 on call {}", id, e);
          }
        }
        case ANSWERED, CONFIRMED -> {
          if (byeSent) {
            return;
          }
          byeSent = true;
          state = State.ENDED;
          d = dialog;
        }
        case ENDED -> {
          return;
        }
      }
    }
    if (d != null) {
      try {
        SipEndpoint.sendInDialog(endpoint, d, d.createRequest(Request.BYE));
      } catch (Exception e) {
        LOG.warn("cannot send BYE on call {}", id, e);
      }
    }
    finish(false);
  }

  // ----- requests from the caller -----

  void onAck() {
    synchronized (this) {
      if (state != State.ANSWERED) {
        return;
      }
      state = State.CONFIRMED;
    }
    listener.onConfirmed();
  }

  void onBye(RequestEvent event) {
    endpoint.respond(event, Response.OK);
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      state = State.ENDED;
    }
    finish(true);
  }

  void onCancel(RequestEvent event) {
    endpoint.respond(event, Response.OK);
    synchronized (this) {
      if (state != State.OFFERED) {
        return;
      }
      state = State.ENDED;
      try {
        inviteTx.sendResponse(response(Response.REQUEST_TERMINATED));
      } catch (Exception e) {
        LOG.warn("cannot send 487 on call {}", id, e);
      }
    }
    finish(true);
  }

  void onInfoDigit(char digit) {
    listener.onDigit(digit);
  }

  /** A re-INVITE: keep our audio where it is. */
  void onInvite(RequestEvent event) throws Exception {
    ServerTransaction st = endpoint.serverTransaction(event);
    Request reInvite = event.getRequest();
    Optional<MediaDescription> media = Sdp.firstG711(reInvite.getRawContent());
    synchronized (this) {
      if (answerSdp == null || (reInvite.getRawContent() != null && media.isEmpty())) {
        st.sendResponse(endpoint.messages.createResponse(Response.NOT_ACCEPTABLE_HERE, reInvite));
        return;
      }
      Response ok = endpoint.messages.createResponse(Response.OK, reInvite);
      ok.addHeader(endpoint.contact(dialled()));
      ok.setContent(answerSdp, endpoint.sdpType());
      st.sendResponse(ok);
    }
  }

  void onTimeout(String method) {
    if (method.equals(Request.INVITE)) {
      // our 200 OK was never acknowledged
      synchronized (this) {
        if (state == State.ENDED) {
          return;
        }
        state = State.ENDED;
      }
      finish(true);
    }
  }

  private Response response(int status) throws Exception {
    Response response = endpoint.messages.createResponse(status, invite);
    ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
    if (to.getTag() == null) {
      to.setTag(toTag);
    }
    return response;
  }

  private void finish(boolean byCaller) {
    endpoint.forget(this);
    listener.onEnded(byCaller);
  }
}
