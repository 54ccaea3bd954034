package io.kodama.sms;

import static io.kodama.sms.SmsTestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Peers;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.sms.smpp.SmppClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an SMPP server Kodama did not write: the npm package {@code smpp} in
 * server mode ({@code interop/smpp-server}, installed with {@code npm ci}).
 */
class SmppInteropTest {

  private static final Path SERVER_DIR = Path.of("interop", "smpp-server");

  private Process node;
  private SmppClient client;
  private final List<String> submits = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.destroy();
    }
  }

  @Test
  void deliversJapaneseAndLongEnglishSmsThroughNodeSmppAndMatchesItsDecimalReceipts() throws Exception {
    boolean installed = Files.isDirectory(SERVER_DIR.resolve("node_modules").resolve("smpp"));
    Peers.require(installed, "run `npm ci --prefix interop/smpp-server` to enable this test");
    int port = startNodeServer();

    MutableClock clock = new MutableClock(Instant.parse("2025-04-01T03:00:00Z"));
    TestDatabase db = new TestDatabase();
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    SmsMessageStore store = new SmsMessageStore(db.dataSource);
    DeliveryReceipts receipts = new DeliveryReceipts(store, updates, db.tx, clock, new SimpleMeterRegistry());
    SmsProperties properties = new SmsProperties(
        List.of(SmsProperties.Connection.of("127.0.0.1", port, "interop", "secret")),
        Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
    client = new SmppClient(properties.connections(), receipts);
    client.start();
    assertThat(client.awaitFullyBound(Duration.ofSeconds(20))).isTrue();
    SmppSmsChannel channel = new SmppSmsChannel(client, store, receipts, updates, db.tx, clock, properties);

    channel.deliver(new DeliveryTask("att_ja", "vrf", "ten", "+819012345678", "482915", "ja",
        "Kodama Bank", 5, "login", Map.of()));
    String english = "{code} is your code. " + "Keep it secret, keep it safe. ".repeat(6);
    channel.deliver(new DeliveryTask("att_en", "vrf", "ten", "+819012345679", "482915", "en",
        "Kodama Bank", 5, "login", Map.of("sms.template.en", english)));

    await("both delivered", () -> updates.statusesOf("att_ja").contains("delivered")
        && updates.statusesOf("att_en").contains("delivered"));
    assertThat(updates.statusesOf("att_ja")).containsExactly("submitted", "delivered");
    assertThat(updates.statusesOf("att_en")).containsExactly("submitted", "delivered");
    assertThat(updates.of("att_ja").get(0).detail().get("smscMessageId").toString()).matches("[0-9a-f]+");

    List<String> ja = submits.stream().filter(s -> s.contains("\"819012345678\"")).toList();
    assertThat(ja).singleElement().satisfies(line -> {
      assertThat(field(line, "dataCoding")).isEqualTo("8");
      assertThat(field(line, "message"))
          .isEqualTo("【Kodama Bank】認証コード: 482915（5分間有効）。このコードを他人に教えないでください。");
    });
    List<String> en = submits.stream().filter(s -> s.contains("\"819012345679\"")).toList();
    assertThat(en).hasSize(2).allSatisfy(line -> {
      assertThat(field(line, "dataCoding")).isEqualTo("0");
      assertThat(Integer.parseInt(field(line, "esmClass")) & 0x40).isEqualTo(0x40);
    });
    assertThat(field(en.get(0), "udh")).isEqualTo(field(en.get(0), "udh").substring(0, 6) + "0201");
    assertThat(field(en.get(0), "message") + field(en.get(1), "message"))
        .isEqualTo(english.replace("{code}", "482915").strip());
  }

  private int startNodeServer() throws Exception {
    node = new ProcessBuilder("node", "server.js", "0")
        .directory(SERVER_DIR.toFile())
        .redirectErrorStream(true)
        .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("LISTENING ")) {
            port.complete(Integer.parseInt(line.substring(10).trim()));
          } else if (line.contains("\"submit_sm\"")) {
            submits.add(line);
          } else {
            System.out.println("node: " + line);
          }
        }
        port.completeExceptionally(new IllegalStateException("node server ended"));
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
    }, "node-smpp-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(30, TimeUnit.SECONDS);
  }

  /** A field of one flat JSON line: a number, a string (unescaped) or a string array's first item. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\[)?(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + json);
    }
    if (m.group(3) == null) {
      return m.group(2);
    }
    String s = m.group(3);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
