package io.kodama.webhook;

import io.kodama.support.Await;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/** A webhook receiver on loopback (JDK HttpServer) that records every request it gets. */
final class Receiver implements AutoCloseable {

  /** A request as received: headers (lower-case names) and the raw body. */
  record Request(Map<String, List<String>> headers, String body, int answeredWith) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String id() {
      return header("webhook-id");
    }

    /**
     * Checks the signature with the independent Standard Webhooks library: each {@code v1,}
     * signature of the header is compared with what the library computes for this request. (Its
     * {@code verify} also checks the timestamp against the system clock, which tests move.)
     */
    boolean signedWith(String secret) {
      try {
        String expected = new Webhook(secret).sign(id(), Long.parseLong(header("webhook-timestamp")), body);
        return List.of(header("webhook-signature").split(" ")).contains(expected);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** The answer to the n-th request (1-based): status and headers. */
  record Answer(int status, Map<String, String> headers) {
    static Answer of(int status) {
      return new Answer(status, Map.of());
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile IntFunction<Answer> answers = n -> Answer.of(204);

  Receiver() {
    this(4);
  }

  Receiver(int threads) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor = Executors.newFixedThreadPool(threads);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Answer answer = answers.apply(count.incrementAndGet());
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
      requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8), answer.status()));
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(answer.status(), -1);
      exchange.close();
    });
    server.start();
  }

  Receiver answering(IntFunction<Answer> answers) {
    this.answers = answers;
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/kodama?src=test";
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  int count() {
    return count.get();
  }

  /** The accepted (2xx) requests carrying this event type. */
  List<Request> accepted(String type) {
    return requests.stream().filter(r -> r.answeredWith() / 100 == 2 && r.body().contains("\"type\":\"" + type + "\""))
        .toList();
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(20), condition);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    Await.until(what, timeout, condition);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
