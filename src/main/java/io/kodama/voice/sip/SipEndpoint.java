package io.kodama.voice.sip;

import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.SIPHeader;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP user agent on JAIN-SIP RI: places calls (UAC) and, with a handler, answers them (UAS).
 * Listens on UDP and TCP on the same port. The only class family that touches javax.sip; callers
 * see {@link SipCall}, {@link InboundCall} and records.
 */
public final class SipEndpoint implements AutoCloseable {

  static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO";
  private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

  static {
    // JAIN-SIP falls back to log4j 1.x until a stack sets its logger: set ours first.
    if (CommonLogger.legacyLogger == null) {
      CommonLogger.legacyLogger = new Slf4jStackLogger();
    }
  }

  final SipEndpointSettings settings;
  final ScheduledExecutorService timers;
  final HeaderFactory headers;
  final MessageFactory messages;
  final AddressFactory addresses;
  final String transport;
  final int port;
  private final SipStackImpl stack;
  final SipProvider provider;
  private final InboundCallHandler handler;
  private final Map<String, OutboundSipCall> outbound = new ConcurrentHashMap<>();
  private final Map<String, InboundSipCall> inbound = new ConcurrentHashMap<>();
  private final Set<String> issuedNonces =
      java.util.Collections.newSetFromMap(
          java.util.Collections.synchronizedMap(
              new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > 1000;
                }
              }));

  private SipEndpoint(
      SipEndpointSettings settings, ScheduledExecutorService timers, InboundCallHandler handler)
      throws Exception {
    this.settings = settings;
    this.timers = timers;
    this.handler = handler;
    this.port = settings.port() == 0 ? freePort(settings.bindHost()) : settings.port();
    this.transport = transportOf(settings.outboundProxy());
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", settings.name());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    if (settings.outboundProxy() != null && !settings.outboundProxy().isBlank()) {
      p.setProperty("javax.sip.OUTBOUND_PROXY", settings.outboundProxy());
    }
    // not through SipFactory: it caches stacks by name
    this.stack = new SipStackImpl(p);
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    this.headers = factory.createHeaderFactory();
    this.messages = factory.createMessageFactory();
    this.addresses = factory.createAddressFactory();
    ListeningPoint udp = stack.createListeningPoint(settings.bindHost(), port, ListeningPoint.UDP);
    ListeningPoint tcp = stack.createListeningPoint(settings.bindHost(), port, ListeningPoint.TCP);
    this.provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    provider.addSipListener(new Listener());
    stack.start();
  }

  /**
   * Starts an endpoint.
   *
   * @param timers runs ring timeouts; not owned by the endpoint
   * @param handler answers incoming calls; null rejects them with 403
   */
  public static SipEndpoint start(
      SipEndpointSettings settings, ScheduledExecutorService timers, InboundCallHandler handler) {
    try {
      SipEndpoint endpoint = new SipEndpoint(settings, timers, handler);
      LOG.info(
          "SIP endpoint {} listening on {}:{} (udp, tcp)",
          settings.name(),
          settings.bindHost(),
          endpoint.port);
      return endpoint;
    } catch (Exception e) {
      throw SipSignallingException.of(
          "cannot start SIP endpoint " + settings.name() + " on " + settings.bindHost() + ":"
              + settings.port(),
          e);
    }
  }

  /** The port this endpoint listens on (UDP and TCP). */
  public int port() {
    return port;
  }

  /** Calls currently in progress (placed or answered). */
  public int activeCalls() {
    return outbound.size() + inbound.size();
  }

  /**
   * Places a call: sends the INVITE and returns. Outcomes arrive at the listener.
   *
   * @throws SipSignallingException when the INVITE cannot be sent
   */
  public SipCall call(OutboundCallRequest request, SipCallListener listener) {
    OutboundSipCall call = new OutboundSipCall(this, request, listener);
    outbound.put(call.id(), call);
    try {
      call.start();
    } catch (RuntimeException e) {
      outbound.remove(call.id());
      throw e;
    }
    return call;
  }

  @Override
  public void close() {
    for (OutboundSipCall call : List.copyOf(outbound.values())) {
      call.hangup();
    }
    for (InboundSipCall call : List.copyOf(inbound.values())) {
      call.hangup();
    }
    try {
      stack.stop();
    } catch (RuntimeException e) {
      // JAIN-SIP's UDP processor walks its channel list while channel threads leave it
      // (ConcurrentModificationException): the stack is stopping anyway, so a close does not fail
      LOG.warn("SIP endpoint {}: the stack raised {} while stopping", settings.name(), e.toString());
    }
    LOG.info("SIP endpoint {} stopped", settings.name());
  }

  // ----- used by the call classes -----

  void forget(OutboundSipCall call) {
    outbound.remove(call.id());
  }

  void forget(InboundSipCall call) {
    inbound.remove(call.id());
  }

  String domain() {
    if (settings.domain() != null && !settings.domain().isBlank()) {
      return settings.domain();
    }
    if (settings.outboundProxy() != null && !settings.outboundProxy().isBlank()) {
      String hostPort = settings.outboundProxy().split("/")[0];
      return hostPort;
    }
    return settings.contactHost() + ":" + port;
  }

  ContactHeader contact(String user) throws Exception {
    Address address =
        addresses.createAddress(
            "sip:" + user + "@" + settings.contactHost() + ":" + port + ";transport=" + transport);
    return headers.createContactHeader(address);
  }

  ViaHeader via() throws Exception {
    return headers.createViaHeader(settings.contactHost(), port, transport, null);
  }

  MaxForwardsHeader maxForwards() throws Exception {
    return headers.createMaxForwardsHeader(70);
  }

  Header userAgent() throws Exception {
    return headers.createHeader("User-Agent", "Kodama");
  }

  void addAllow(Message message) throws Exception {
    for (String method : ALLOW.split(", ")) {
      message.addHeader(headers.createAllowHeader(method));
    }
  }

  ContentTypeHeader sdpType() throws Exception {
    return headers.createContentTypeHeader("application", "sdp");
  }

  static String headerValue(Message message, String name) {
    Header h = message.getHeader(name);
    return h instanceof SIPHeader s ? s.getHeaderValue() : null;
  }

  static String callId(Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  static String newTag() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  static String userOf(javax.sip.address.URI uri) {
    return uri instanceof SipURI s && s.getUser() != null ? s.getUser() : "";
  }

  /** Reads a key from an INFO body: {@code Signal=5} (dtmf-relay) or a bare digit (dtmf). */
  static char infoDigit(Request info) {
    byte[] raw = info.getRawContent();
    if (raw == null) {
      return 0;
    }
    String body = new String(raw, java.nio.charset.StandardCharsets.US_ASCII).trim();
    for (String line : body.split("\r?\n")) {
      String l = line.trim();
      if (l.regionMatches(true, 0, "Signal", 0, 6)) {
        String v = l.substring(l.indexOf('=') + 1).trim();
        return v.isEmpty() ? 0 : normaliseDigit(v);
      }
    }
    return body.length() >= 1 && body.length() <= 2 ? normaliseDigit(body) : 0;
  }

  private static char normaliseDigit(String v) {
    if (v.equals("10")) {
      return '*';
    }
    if (v.equals("11")) {
      return '#';
    }
    char c = Character.toUpperCase(v.charAt(0));
    return (Character.isDigit(c) || c == '*' || c == '#' || (c >= 'A' && c <= 'D')) ? c : 0;
  }

  void respond(RequestEvent event, int status) {
    try {
      Response response = messages.createResponse(status, event.getRequest());
      ServerTransaction st = event.getServerTransaction();
      if (st != null) {
        st.sendResponse(response);
      } else {
        provider.sendResponse(response);
      }
    } catch (Exception e) {
      LOG.warn("cannot send {} to {}", status, event.getRequest().getMethod(), e);
    }
  }

  ServerTransaction serverTransaction(RequestEvent event) throws Exception {
    ServerTransaction st = event.getServerTransaction();
    if (st == null) {
      st = provider.getNewServerTransaction(event.getRequest());
    }
    return st;
  }

  private static String transportOf(String outboundProxy) {
    if (outboundProxy != null && outboundProxy.toLowerCase(java.util.Locale.ROOT).endsWith("/tcp")) {
      return ListeningPoint.TCP;
    }
    return ListeningPoint.UDP;
  }

  /** A port free for both UDP and TCP on the host (JAIN-SIP cannot listen on port 0). */
  static int freePort(String host) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
        int candidate = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.bind(new InetSocketAddress(address, candidate));
          return candidate;
        } catch (IOException busy) {
          // try another
        }
      }
    }
    throw new IOException("no free port for UDP and TCP on " + host);
  }

  // ----- incoming messages -----

  private final class Listener implements SipListener {

    @Override
    public void processRequest(RequestEvent event) {
      Request request = event.getRequest();
      String method = request.getMethod();
      String id = callId(request);
      try {
        OutboundSipCall out = outbound.get(id);
        InboundSipCall in = inbound.get(id);
        switch (method) {
          case Request.INVITE -> {
            if (out != null) {
              out.onReInvite(event);
            } else if (in != null) {
              in.onInvite(event);
            } else {
              newInbound(event);
            }
          }
          case Request.ACK -> {
            if (in != null) {
              in.onAck();
            }
          }
          case Request.BYE -> {
            if (out != null) {
              out.onBye(event);
            } else if (in != null) {
              in.onBye(event);
            } else {
              respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
          }
          case Request.CANCEL -> {
            if (in != null) {
              in.onCancel(event);
            } else {
              respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
          }
          case Request.INFO -> {
            char digit = infoDigit(request);
            respond(event, Response.OK);
            if (digit != 0 && out != null) {
              out.onInfoDigit(digit);
            } else if (digit != 0 && in != null) {
              in.onInfoDigit(digit);
            }
          }
          case Request.OPTIONS -> options(event);
          default -> {
            Response response = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
            addAllow(response);
            serverTransaction(event).sendResponse(response);
          }
        }
      } catch (TransactionAlreadyExistsException retransmission) {
        LOG.debug("retransmitted {} ignored", method);
      } catch (Exception e) {
        LOG.warn("cannot process {}", method, e);
      }
    }

    @Override
    public void processResponse(ResponseEvent event) {
      Response response = event.getResponse();
      OutboundSipCall out = outbound.get(callId(response));
      if (out != null) {
        out.onResponse(event);
        return;
      }
      CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
      if (cseq.getMethod().equals(Request.INVITE)
          && response.getStatusCode() / 100 == 2
          && event.getDialog() != null) {
        // a 200 for a call we already forgot: acknowledge it and hang up so it stops
        OutboundSipCall.ackAndByeStray(SipEndpoint.this, event);
      }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
      Request request =
          event.isServerTransaction()
              ? event.getServerTransaction().getRequest()
              : event.getClientTransaction().getRequest();
      String id = callId(request);
      OutboundSipCall out = outbound.get(id);
      if (out != null && !event.isServerTransaction()) {
        out.onTimeout(event.getClientTransaction());
      }
      InboundSipCall in = inbound.get(id);
      if (in != null) {
        in.onTimeout(request.getMethod());
      }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
      LOG.warn(
          "SIP I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    private void newInbound(RequestEvent event) throws Exception {
      Request request = event.getRequest();
      if (handler == null) {
        serverTransaction(event)
            .sendResponse(messages.createResponse(Response.FORBIDDEN, request));
        return;
      }
      SipChallenge challenge = settings.challenge();
      if (challenge != null && !authorised(request, challenge)) {
        challenge(event, challenge);
        return;
      }
      ServerTransaction st = serverTransaction(event);
      InboundSipCall call = new InboundSipCall(SipEndpoint.this, st, request);
      inbound.put(call.id(), call);
      st.sendResponse(messages.createResponse(Response.TRYING, request));
      try {
        handler.onInvite(call);
      } catch (RuntimeException | LinkageError e) {
        // keep the stack's thread alive whatever the handler does
        LOG.warn("inbound call handler failed", e);
        call.reject(Response.SERVER_INTERNAL_ERROR);
      }
    }

    private boolean authorised(Request request, SipChallenge challenge) {
      String header = headerValue(request, challenge.proxy() ? "Proxy-Authorization" : "Authorization");
      if (header == null) {
        return false;
      }
      Map<String, String> params = Digest.params(header);
      return issuedNonces.contains(params.getOrDefault("nonce", ""))
          && Digest.verify(params, challenge.credentials(), challenge.realm(), request.getMethod());
    }

    private void challenge(RequestEvent event, SipChallenge challenge) throws Exception {
      String nonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      issuedNonces.add(nonce);
      int status = challenge.proxy() ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED;
      Response response = messages.createResponse(status, event.getRequest());
      ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(newTag());
      String value =
          "Digest realm=\"" + challenge.realm() + "\", nonce=\"" + nonce
              + "\", algorithm=MD5, qop=\"auth\"";
      response.addHeader(
          headers.createHeader(
              challenge.proxy() ? "Proxy-Authenticate" : "WWW-Authenticate", value));
      serverTransaction(event).sendResponse(response);
    }

    private void options(RequestEvent event) throws Exception {
      Response response = messages.createResponse(Response.OK, event.getRequest());
      addAllow(response);
      response.addHeader(headers.createHeader("Accept", "application/sdp"));
      response.addHeader(userAgent());
      ServerTransaction st = event.getServerTransaction();
      if (st == null && event.getDialog() == null) {
        provider.sendResponse(response);
      } else {
        serverTransaction(event).sendResponse(response);
      }
    }
  }

  // build helpers shared by the call classes

  Request newRequest(
      String method,
      SipURI requestUri,
      CallIdHeader callIdHeader,
      long cseq,
      FromHeader from,
      ToHeader to)
      throws Exception {
    CSeqHeader cseqHeader = headers.createCSeqHeader(cseq, method);
    return messages.createRequest(
        requestUri, method, callIdHeader, cseqHeader, from, to, List.of(via()), maxForwards());
  }

  ClientTransaction send(Request request) throws SipException {
    ClientTransaction ct = provider.getNewClientTransaction(request);
    ct.sendRequest();
    return ct;
  }

  static void sendInDialog(SipEndpoint endpoint, Dialog dialog, Request request)
      throws SipException {
    ClientTransaction ct = endpoint.provider.getNewClientTransaction(request);
    dialog.sendRequest(ct);
  }
}
