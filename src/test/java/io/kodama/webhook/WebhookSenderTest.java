package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real HTTP requests Kodama sends, against receivers on loopback. */
class WebhookSenderTest {

  private static final Clock CLOCK = Clock.systemUTC();
  private final AddressPolicy loopbackAllowed = new AddressPolicy(false, true);
  private final Receiver receiver = new Receiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void sendsRequestsTheIndependentLibraryVerifies() throws Exception {
    String secret = Signer.newSecret();
    String body = "{\"id\":\"evt_1\",\"type\":\"sms.delivered\",\"data\":{\"to\":\"+81 90-****-5678\",\"note\":\"認証\"}}";
    long timestamp = CLOCK.instant().getEpochSecond();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = Map.of("webhook-id", "evt_1", "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", Signer.header(List.of(secret), "evt_1", timestamp, bytes));

    WebhookSender.Outcome outcome = sender(loopbackAllowed).post(URI.create(receiver.url()), headers, bytes);

    assertThat(outcome.delivered()).isTrue();
    assertThat(outcome.status()).isEqualTo(204);
    Receiver.Request request = receiver.requests().get(0);
    assertThat(request.body()).isEqualTo(body);
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("user-agent")).startsWith("Kodama");
    // the library's own verify: signature and timestamp tolerance, with the headers as received
    new Webhook(secret).verify(request.body(), HttpHeaders.of(request.headers(), (a, b) -> true));
    assertThatThrownBy(() -> new Webhook(Signer.newSecret()).verify(request.body(),
        HttpHeaders.of(request.headers(), (a, b) -> true))).hasMessageContaining("No matching signature");
  }

  @Test
  void doesNotFollowRedirects() {
    try (Receiver target = new Receiver()) {
      receiver.answering(n -> new Receiver.Answer(307, Map.of("Location", target.url())));

      WebhookSender.Outcome outcome = post(sender(loopbackAllowed), receiver.url());

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.status()).isEqualTo(307);
      assertThat(target.count()).isZero();
    }
  }

  @Test
  void readsRetryAfter() {
    receiver.answering(n -> new Receiver.Answer(503, Map.of("Retry-After", "120")));

    WebhookSender.Outcome outcome = post(sender(loopbackAllowed), receiver.url());

    assertThat(outcome.status()).isEqualTo(503);
    assertThat(outcome.error()).isEqualTo("HTTP 503");
    assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void refusesLoopbackUnlessAllowedAndNeverConnects() {
    WebhookSender.Outcome outcome = post(sender(new AddressPolicy(false, false)), receiver.url());

    assertThat(outcome.status()).isZero();
    assertThat(outcome.error()).contains("refused").contains("loopback");
    assertThat(receiver.count()).isZero();
  }

  @Test
  void refusesANameThatRebindsToAPrivateAddressAfterTheCheck() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    // first answer public (the check at registration), then loopback (a rebinding attack)
    WebhookSender.Resolver rebinding = host -> lookups.incrementAndGet() == 1
        ? new InetAddress[] {InetAddress.getByName("93.184.215.14")}
        : new InetAddress[] {InetAddress.getLoopbackAddress()};
    WebhookSender sender = new WebhookSender(new AddressPolicy(false, false), rebinding, Duration.ofSeconds(2), CLOCK);
    URI url = URI.create("http://hooks.example:" + receiver.port() + "/in");

    assertThat(sender.addresses(url)).hasSize(1);
    WebhookSender.Outcome outcome = post(sender, url.toString());

    assertThat(outcome.error()).contains("refused").contains("loopback");
    assertThat(receiver.count()).isZero();
  }

  @Test
  void refusesWhenAnyResolvedAddressIsRefused() throws Exception {
    WebhookSender.Resolver mixed = host -> new InetAddress[] {
        InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.8")};
    WebhookSender sender = new WebhookSender(new AddressPolicy(false, false), mixed, Duration.ofSeconds(2), CLOCK);

    assertThatThrownBy(() -> sender.addresses(URI.create("https://hooks.example/in")))
        .isInstanceOf(WebhookSender.RefusedException.class).hasMessageContaining("private");
  }

  @Test
  void connectsToTheCheckedAddressAndKeepsTheHostName() {
    WebhookSender.Resolver local = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
    WebhookSender sender = new WebhookSender(loopbackAllowed, local, Duration.ofSeconds(2), CLOCK);

    WebhookSender.Outcome outcome = post(sender, "http://hooks.example:" + receiver.port() + "/in?x=1");

    assertThat(outcome.delivered()).isTrue();
    assertThat(receiver.requests().get(0).header("host")).isEqualTo("hooks.example:" + receiver.port());
  }

  @Test
  void refusesUrlsThatAreNotHttp() {
    assertThat(WebhookSender.formProblem(URI.create("ftp://example.com/x"))).contains("http");
    assertThat(WebhookSender.formProblem(URI.create("file:///etc/passwd"))).contains("http");
    assertThat(WebhookSender.formProblem(URI.create("http://user:pw@example.com/"))).contains("user name");
    assertThat(WebhookSender.formProblem(URI.create("https://example.com/in#x"))).contains("fragment");
    assertThat(WebhookSender.formProblem(URI.create("https://example.com/in"))).isNull();
  }

  @Test
  void reportsARefusedConnection() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    WebhookSender.Outcome outcome = post(sender(loopbackAllowed), "http://127.0.0.1:" + closedPort + "/");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.error()).startsWith("connect failed");
  }

  @Test
  void givesUpOnAReceiverThatNeverAnswers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          Thread.sleep(5_000);
        } catch (IOException | InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      acceptor.start();
      WebhookSender sender = new WebhookSender(loopbackAllowed, InetAddress::getAllByName, Duration.ofMillis(300), CLOCK);

      WebhookSender.Outcome outcome = post(sender, "http://127.0.0.1:" + silent.getLocalPort() + "/");

      assertThat(outcome.status()).isZero();
      assertThat(outcome.error()).startsWith("timed out");
      acceptor.interrupt();
    }
  }

  private WebhookSender sender(AddressPolicy policy) {
    return new WebhookSender(policy, InetAddress::getAllByName, Duration.ofSeconds(5), CLOCK);
  }

  private static WebhookSender.Outcome post(WebhookSender sender, String url) {
    return sender.post(URI.create(url), Map.of("webhook-id", "evt_x"), "{}".getBytes(StandardCharsets.UTF_8));
  }
}
