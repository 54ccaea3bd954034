package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keep-alive connections of the webhook sender, against a receiver that scripts every byte it answers. */
class WebhookKeepAliveTest {

  private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n";

  private final AtomicLong nanos = new AtomicLong();
  private final IdleConnections idle = new IdleConnections(4, WebhookSender.MAX_IDLE.toNanos(), nanos::get);
  private final WebhookSender sender = new WebhookSender(new AddressPolicy(false, true), InetAddress::getAllByName,
      Duration.ofSeconds(2), Clock.systemUTC(), idle);
  private ScriptedReceiver receiver;

  @AfterEach
  void stop() throws IOException {
    sender.close();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void reusesTheConnectionWhenTheResponseEndIsKnown() throws IOException {
    List<String> answers = List.of(NO_CONTENT,
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\nX-Trailer: 1\r\n\r\n",
        "HTTP/1.1 503 Busy\r\nRetry-After: 7\r\nContent-Length: 4\r\n\r\nbusy",
        NO_CONTENT);
    receiver = new ScriptedReceiver(n -> new Answer(answers.get(n % answers.size()), false));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      statuses.add(post(i).status());
    }

    assertThat(statuses).containsExactly(204, 200, 200, 503, 204, 204, 200, 200, 503, 204);
    assertThat(receiver.requests).hasSize(10);
    assertThat(receiver.connections.get()).isEqualTo(1);
    assertThat(receiver.requests).allSatisfy(r -> assertThat(r).doesNotContainIgnoringCase("connection: close"));
  }

  @Test
  void opensANewConnectionWhenEitherSideCannotKeepIt() throws IOException {
    List<String> answers = List.of(
        "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n",
        "HTTP/1.1 200 OK\r\n\r\nbody until the connection closes",
        "HTTP/1.0 204 No Content\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: " + (WebhookSender.MAX_SKIPPED_BODY + 1) + "\r\n\r\n" + "x".repeat(
            WebhookSender.MAX_SKIPPED_BODY + 1));
    receiver = new ScriptedReceiver(n -> new Answer(answers.get(n), true));

    for (int i = 0; i < answers.size(); i++) {
      assertThat(post(i).delivered()).isTrue();
    }

    assertThat(receiver.connections.get()).isEqualTo(answers.size());
    assertThat(idle.size()).isZero();
  }

  @Test
  void sendsOnceMoreOnANewConnectionWhenTheReceiverHadClosedTheIdleOne() throws IOException {
    // the receiver answers and then closes without saying so, as servers do with idle connections
    receiver = new ScriptedReceiver(n -> new Answer(NO_CONTENT, true));

    WebhookSender.Outcome first = post(1);
    receiver.awaitClosed(1);
    WebhookSender.Outcome second = post(2);

    assertThat(first.delivered()).isTrue();
    assertThat(second.delivered()).isTrue();
    assertThat(receiver.connections.get()).isEqualTo(2);
    assertThat(receiver.requests).hasSize(2);
  }

  @Test
  void doesNotSendAgainWhenAReusedConnectionTimesOut() throws IOException {
    // the second request is read but never answered
    receiver = new ScriptedReceiver(n -> n == 0 ? new Answer(NO_CONTENT, false) : null);

    assertThat(post(1).delivered()).isTrue();
    WebhookSender.Outcome second = post(2);

    assertThat(second.error()).startsWith("timed out");
    assertThat(receiver.connections.get()).isEqualTo(1);
    assertThat(receiver.requests).hasSize(2);
  }

  @Test
  void doesNotReuseAConnectionIdleForTooLong() throws IOException {
    receiver = new ScriptedReceiver(n -> new Answer(NO_CONTENT, false));

    post(1);
    nanos.addAndGet(WebhookSender.MAX_IDLE.toNanos() - 1);
    post(2);
    nanos.addAndGet(WebhookSender.MAX_IDLE.toNanos());
    post(3);

    assertThat(receiver.connections.get()).isEqualTo(2);
    assertThat(receiver.requests).hasSize(3);
  }

  private WebhookSender.Outcome post(int n) {
    return sender.post(URI.create("http://127.0.0.1:" + receiver.port() + "/in"),
        Map.of("webhook-id", "evt_" + n), ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
  }

  /** What the receiver writes for one request, and whether it closes the connection after it. */
  record Answer(String raw, boolean close) {}

  /** A receiver over raw sockets: answers request n (counted over all connections) with script(n); null = never. */
  static final class ScriptedReceiver implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final IntFunction<Answer> script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedReceiver(IntFunction<Answer> script) throws IOException {
      this.script = script;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "scripted-receiver");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void awaitClosed(int count) {
      Receiver.await("the receiver closed " + count + " connection(s)", () -> closed.get() >= count);
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections.incrementAndGet();
          sockets.add(socket);
          Thread serve = new Thread(() -> serve(socket), "scripted-connection");
          serve.setDaemon(true);
          serve.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket socket) {
      try (socket) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
          String request = readRequest(in);
          if (request == null) {
            return;
          }
          int n = requests.size();
          requests.add(request);
          Answer answer = script.apply(n);
          if (answer == null) {
            in.read(); // hold the connection until the sender gives up
            return;
          }
          out.write(answer.raw().getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (answer.close()) {
            return;
          }
        }
      } catch (IOException e) {
        // the sender closed it
      } finally {
        closed.incrementAndGet();
      }
    }

    /** The request head and body as text, or null when the connection ended first. */
    private static String readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.write(b);
        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : text.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
