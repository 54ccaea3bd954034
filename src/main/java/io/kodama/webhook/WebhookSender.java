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
 * timeout. The response body is not read.
 */
final class WebhookSender {

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

  private final AddressPolicy policy;
  private final Resolver resolver;
  private final Duration timeout;
  private final Clock clock;
  private final SSLSocketFactory tls;

  WebhookSender(AddressPolicy policy, Resolver resolver, Duration timeout, Clock clock) {
    this.policy = policy;
    this.resolver = resolver;
    this.timeout = timeout;
    this.clock = clock;
    this.tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
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
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
      } catch (IOException e) {
        close(socket);
        connectErrors.add(address.getHostAddress() + ": " + describe(e));
        continue;
      }
      try (Socket connected = https ? tls(socket, bareHost(url), port, deadline) : socket) {
        return exchange(connected, url, port, headers, body, start, deadline);
      } catch (IOException e) {
        return new Outcome(0, elapsedMs(start), describe(e), null);
      }
    }
    return new Outcome(0, elapsedMs(start), "connect failed: " + String.join("; ", connectErrors), null);
  }

  private Outcome exchange(Socket socket, URI url, int port, Map<String, String> headers, byte[] body, long start,
      long deadline) throws IOException {
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
    head.append("Connection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    socket.setSoTimeout(remainingMillis(deadline));
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();

    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
    while (true) {
      List<String> lines = readHead(socket, in, deadline);
      int status = statusOf(lines.get(0));
      if (status >= 100 && status < 200) {
        continue; // 100 Continue and other interim responses
      }
      Duration retryAfter = null;
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Retry-After")) {
          retryAfter = RetryPolicy.parseRetryAfter(line.substring(colon + 1), clock.instant());
        }
      }
      String error = status >= 200 && status < 300 ? null : "HTTP " + status;
      return new Outcome(status, elapsedMs(start), error, retryAfter);
    }
  }

  /** Reads a response head (status line and headers) up to its empty line; the body stays unread. */
  private static List<String> readHead(Socket socket, InputStream in, long deadline) throws IOException {
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream(256);
    int matched = 0; // how much of CR LF CR LF has been seen
    while (matched < 4) {
      if (head.size() >= MAX_HEAD_BYTES) {
        throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      socket.setSoTimeout(remainingMillis(deadline));
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before a response");
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

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
