package io.kodama.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * POSTs one webhook over HTTP/1.1. The host is resolved here, every address it resolves to is
 * checked by the {@link AddressPolicy}, and the socket connects to one of those checked addresses
 * (never a second resolution), so DNS rebinding cannot turn a checked name into a refused address.
 * TLS still verifies the certificate against the host name (SNI and endpoint identification).
 * Redirects are not followed (a 3xx is a failure), and the whole exchange must finish within the
 * timeout.
 *
 * <p>Connections are kept alive and reused for the same checked address (a TLS handshake or a TCP
 * connection per event costs the receiver as much as Kodama): a response whose end is known
 * (Content-Length or chunked, at most {@value #MAX_SKIPPED_BODY} bytes of body, which is read and
 * dropped) leaves its connection for the next POST, unless either side said {@code Connection:
 * close}. A reused connection that the receiver closed before answering is replaced by a new one
 * and the POST sent once more; receivers drop a repeat by its {@code webhook-id}, as the Standard
 * Webhooks specification asks of them (Go's HTTP client retries the same way for requests that carry
 * an idempotency key).
 */
final class WebhookSender implements AutoCloseable {

  /** What became of one POST. {@code status} is 0 when no response arrived. */
  record Outcome(int status, long latencyMs, String error, Duration retryAfter) {
    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  /** Resolves host names; tests replace it to play DNS rebinding. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The URL may not be used: not http(s), or it resolves to a refused address. */
  static final class RefusedException extends Exception {
    RefusedException(String message) {
      super(message, null, false, false);
    }
  }

  static final String USER_AGENT = "Kodama-Webhooks/1.0";
  private static final int MAX_HEAD_BYTES = 16 * 1024;
  static final int MAX_SKIPPED_BODY = 64 * 1024;
  /** Idle connections kept per route: as many as the scheduler threads that may post at once (32). */
  private static final int IDLE_PER_ROUTE = 32;
  /** Below the shortest common server keep-alive (Node.js: 5 s). */
  static final Duration MAX_IDLE = Duration.ofSeconds(4);

  private final AddressPolicy policy;
  private final Resolver resolver;
  private final Duration timeout;
  private final Clock clock;
  private final SSLSocketFactory tls;
  private final IdleConnections idle;

  WebhookSender(AddressPolicy policy, Resolver resolver, Duration timeout, Clock clock) {
    this(policy, resolver, timeout, clock, new IdleConnections(IDLE_PER_ROUTE, MAX_IDLE.toNanos(), System::nanoTime));
  }

  WebhookSender(AddressPolicy policy, Resolver resolver, Duration timeout, Clock clock, IdleConnections idle) {
    this.policy = policy;
    this.resolver = resolver;
    this.timeout = timeout;
    this.clock = clock;
    this.tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
    this.idle = idle;
  }

  /** A reused connection was closed by the receiver before it answered: nothing was received. */
  private static final class ClosedBeforeResponse extends IOException {
    ClosedBeforeResponse(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Why a URL cannot be a webhook endpoint, or null when its form is fine. */
  static String formProblem(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "the URL must start with http:// or https://";
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return "the URL needs a host name (international names in punycode)";
    }
    if (url.getRawUserInfo() != null) {
      return "the URL must not contain a user name or password";
    }
    if (url.getRawFragment() != null) {
      return "the URL must not contain a fragment (#…)";
    }
    return null;
  }

  /** Resolves the URL's host and returns its addresses, all of them allowed; refuses otherwise. */
  List<InetAddress> addresses(URI url) throws RefusedException {
    String problem = formProblem(url);
    if (problem != null) {
      throw new RefusedException(problem);
    }
    String host = bareHost(url);
    InetAddress[] resolved;
    try {
      resolved = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new RefusedException("the host " + host + " does not resolve");
    }
    if (resolved.length == 0) {
      throw new RefusedException("the host " + host + " does not resolve");
    }
    for (InetAddress address : resolved) {
      if (!policy.allows(address)) {
        throw new RefusedException("the host " + host + " resolves to a " + AddressPolicy.classify(address).wire()
            + " address (" + address.getHostAddress() + ")");
      }
    }
    return List.of(resolved);
  }

  /** POSTs the body with the given headers (plus Host, User-Agent, Content-Type, Content-Length). */
  Outcome post(URI url, Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<InetAddress> addresses;
    try {
      addresses = addresses(url);
    } catch (RefusedException e) {
      return new Outcome(0, elapsedMs(start), "refused: " + e.getMessage(), null);
    }
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    List<String> connectErrors = new ArrayList<>();
    for (InetAddress address : addresses) {
      IdleConnections.Route route = new IdleConnections.Route(https, bareHost(url), address, port);
      IdleConnections.Connection reused = idle.take(route);
      if (reused != null) {
        try {
          return exchange(reused, route, url, port, headers, body, start, deadline);
        } catch (ClosedBeforeResponse e) {
          reused.close(); // the receiver had closed it: send on a new connection
        } catch (IOException e) {
          reused.close();
          return new Outcome(0, elapsedMs(start), describe(e), null);
        }
      }
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
      } catch (IOException e) {
        close(socket);
        connectErrors.add(address.getHostAddress() + ": " + describe(e));
        continue;
      }
      IdleConnections.Connection connection = null;
      try {
        connection = new IdleConnections.Connection(https ? tls(socket, route.host(), port, deadline) : socket);
        return exchange(connection, route, url, port, headers, body, start, deadline);
      } catch (IOException e) {
        close(connection == null ? socket : connection.socket);
        return new Outcome(0, elapsedMs(start), describe(e), null);
      }
    }
    return new Outcome(0, elapsedMs(start), "connect failed: " + String.join("; ", connectErrors), null);
  }

  /**
   * Sends the request and reads the response; gives the connection back to the idle ones when the
   * response was read to its end and both sides keep it alive, closes it otherwise.
   */
  private Outcome exchange(IdleConnections.Connection connection, IdleConnections.Route route, URI url, int port,
      Map<String, String> headers, byte[] body, long start, long deadline) throws IOException {
    Socket socket = connection.socket;
    StringBuilder head = new StringBuilder(512);
    String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      target += "?" + url.getRawQuery();
    }
    head.append("POST ").append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(url.getHost());
    if (url.getPort() != -1) {
      head.append(':').append(port);
    }
    head.append("\r\n");
    head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    head.append("Content-Type: application/json\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    InputStream in = connection.in;
    List<String> lines;
    try {
      socket.setSoTimeout(remainingMillis(deadline));
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      lines = readHead(socket, in, deadline);
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      // nothing of a response arrived: on a reused connection, the receiver had closed it
      throw connection.reused() && !(e instanceof HeadException) ? new ClosedBeforeResponse(e) : e;
    }
    int status = statusOf(lines.get(0));
    while (status >= 100 && status < 200) {
      lines = readHead(socket, in, deadline); // 100 Continue and other interim responses
      status = statusOf(lines.get(0));
    }
    Duration retryAfter = null;
    boolean keepAlive = lines.get(0).startsWith("HTTP/1.1 ");
    long contentLength = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Retry-After")) {
        retryAfter = RetryPolicy.parseRetryAfter(value, clock.instant());
      } else if (name.equalsIgnoreCase("Connection") && value.toLowerCase(Locale.ROOT).contains("close")) {
        keepAlive = false;
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.equalsIgnoreCase("chunked");
        keepAlive &= chunked;
      } else if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = parseLength(value);
        keepAlive &= contentLength >= 0;
      }
    }
    String error = status >= 200 && status < 300 ? null : "HTTP " + status;
    Outcome outcome = new Outcome(status, elapsedMs(start), error, retryAfter);
    boolean noBody = status == 204 || status == 304;
    if (keepAlive && (noBody || chunked || contentLength >= 0) && skipBody(socket, in, noBody, chunked, contentLength,
        deadline)) {
      idle.give(route, connection);
    } else {
      connection.close();
    }
    return outcome;
  }

  /**
   * Reads and drops a response body whose end is known, so that the connection can carry the next
   * request; false (the connection is then closed) when it is too large or cannot be read in time.
   */
  private static boolean skipBody(Socket socket, InputStream in, boolean noBody, boolean chunked, long contentLength,
      long deadline) {
    try {
      if (noBody) {
        return true;
      }
      if (!chunked) {
        return contentLength <= MAX_SKIPPED_BODY && skip(socket, in, contentLength, deadline);
      }
      long total = 0;
      while (true) {
        String sizeLine = readLine(socket, in, deadline);
        int extension = sizeLine.indexOf(';');
        long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
        if (size == 0) {
          while (!readLine(socket, in, deadline).isEmpty()) {
            // trailers
          }
          return true;
        }
        total += size;
        if (size < 0 || total > MAX_SKIPPED_BODY || !skip(socket, in, size, deadline)
            || !readLine(socket, in, deadline).isEmpty()) {
          return false;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static boolean skip(Socket socket, InputStream in, long bytes, long deadline) throws IOException {
    for (long left = bytes; left > 0; ) {
      socket.setSoTimeout(remainingMillis(deadline));
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          return false;
        }
        skipped = 1;
      }
      left -= skipped;
    }
    return true;
  }

  private static String readLine(Socket socket, InputStream in, long deadline) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      socket.setSoTimeout(remainingMillis(deadline));
      int b = in.read();
      if (b < 0 || line.length() > 1024) {
        throw new IOException("bad chunked body");
      }
      if (b == '\n') {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        return line.substring(0, end);
      }
      line.append((char) b);
    }
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Part of a response arrived (or all of it, malformed): the receiver did answer. */
  private static final class HeadException extends IOException {
    HeadException(String message) {
      super(message);
    }
  }

  /** Reads a response head (status line and headers) up to its empty line. */
  private static List<String> readHead(Socket socket, InputStream in, long deadline) throws IOException {
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream(256);
    int matched = 0; // how much of CR LF CR LF has been seen
    while (matched < 4) {
      if (head.size() >= MAX_HEAD_BYTES) {
        throw new HeadException("response head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      socket.setSoTimeout(remainingMillis(deadline));
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        throw head.size() > 0 ? new HeadException("connection broken in the middle of a response: " + e.getMessage())
            : e;
      }
      if (b < 0) {
        throw head.size() > 0 ? new HeadException("connection closed in the middle of a response")
            : new IOException("connection closed before a response");
      }
      head.write(b);
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return List.of(text.substring(0, text.length() - 4).split("\r\n"));
  }

  private static int statusOf(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
      throw new IOException("not an HTTP response");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + parts[1], e);
    }
  }

  private Socket tls(Socket socket, String host, int port, long deadline) throws IOException {
    SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!isIpLiteral(host)) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    ssl.setSSLParameters(parameters);
    ssl.setSoTimeout(remainingMillis(deadline));
    ssl.startHandshake();
    return ssl;
  }

  private static String bareHost(URI url) {
    String host = url.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long remaining = (deadline - System.nanoTime()) / 1_000_000;
    if (remaining <= 0) {
      throw new SocketTimeoutException("timed out");
    }
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String describe(IOException e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    String text = e instanceof SocketTimeoutException ? "timed out" + message : e.getClass().getSimpleName() + message;
    return text.length() > 300 ? text.substring(0, 300) : text;
  }

  @Override
  public void close() {
    idle.close();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
