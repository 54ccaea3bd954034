package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kodama.support.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run (embedded H2 file database, simulators) stopped with SIGTERM in the middle of
 * traffic, as an operator or a container runtime stops it: a separate JVM, because the database's
 * own shutdown hook only runs when a JVM exits. H2 used to close the database as soon as the JVM
 * began to exit, while Kodama was still finishing its work: receipts were refused, jobs failed and
 * the counts kept in memory were lost.
 */
class GracefulShutdownTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
  private static final Pattern KEY = Pattern.compile("Demo API key\\s+(kdm_demo_\\S+)");
  /** A log line of Kodama or db-scheduler, the logger's name in full or shortened (i.k.…, c.g.k…). */
  private static final Pattern OWN_LOGGER =
      Pattern.compile("\\] (io\\.kodama|i\\.k|com\\.github\\.kagkarlsson|c\\.g\\.k)\\S*\\s+: ");

  @TempDir Path dir;
  private Process kodama;

  @AfterEach
  void kill() {
    if (kodama != null) {
      kodama.destroyForcibly();
    }
  }

  @Test
  void aStopDuringTrafficFinishesTheWorkAndWritesWhatWasCountedInMemory() throws Exception {
    Path log = dir.resolve("kodama.log");
    kodama = new ProcessBuilder(javaCommand(dir.resolve("data")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await().atMost(WAIT).until(() -> !kodama.isAlive() || KEY.matcher(read(log)).find());
    assertThat(kodama.isAlive()).as(read(log)).isTrue();
    String url = "http://127.0.0.1:" + find(PORT, read(log));
    String key = find(KEY, read(log));
    HttpClient http = HttpClient.newHttpClient();

    // the pipeline works in this process: an SMS reaches the simulator and its receipt comes back
    String first = start(http, url, key, "+819011110000");
    await().atMost(WAIT).until(() -> get(http, url + "/v1/verifications/" + first, key).contains("\"delivered\""));
    // more starts, and the stop while their SMS and receipts are still on their way
    for (int i = 1; i <= 5; i++) {
      start(http, url, key, "+81901111000" + i);
    }
    kodama.destroy(); // SIGTERM
    assertThat(kodama.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stopped in time").isTrue();

    String output = read(log);
    assertThat(output).contains("Commencing graceful shutdown");
    // every error counts, and the warnings of Kodama and of its job scheduler; not the chatter of
    // the libraries around them (jSMPP logs closing sockets at WARN on both sides of the simulator's
    // connections, and the simulator's four-thread jSMPP server sometimes closes on a PDU that
    // follows the client's unbind before answering it; HikariCP warns of a starved thread on a busy
    // machine)
    List<String> complaints = output.substring(output.indexOf("Commencing graceful shutdown")).lines()
        .filter(line -> line.contains(" ERROR ") || line.contains("is already closed")
            || line.contains(" WARN ") && OWN_LOGGER.matcher(line).find())
        .toList();
    assertThat(complaints).as("warnings and errors while stopping").isEmpty();
    // every start was counted by the pumping guard and written at the latest when it stopped
    assertThat(sendsCountedPerScope(dir.resolve("data"))).isNotEmpty().allSatisfy((scope, sends) ->
        assertThat(sends).as(scope).isEqualTo(6));
  }

  /** The default run, from the application's own classes and libraries (not the tests'). */
  private static List<String> javaCommand(Path data) {
    String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "io.kodama.KodamaApplication",
        "--kodama.data-dir=" + data, "--server.port=0", "--kodama.simulators.smsc.port=" + FreePorts.free(),
        "--kodama.simulators.phone.port=0", "--kodama.voice.sip.port=0",
        "--kodama.simulators.smsc.receipt-delay=200ms");
  }

  private static Map<String, Integer> sendsCountedPerScope(Path data) throws SQLException {
    Map<String, Integer> sends = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("kodama")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
        ResultSet rows = db.createStatement()
            .executeQuery("select scope, sum(sends) from protection_counts group by scope")) {
      while (rows.next()) {
        sends.put(rows.getString(1), rows.getInt(2));
      }
    }
    return sends;
  }

  private static String start(HttpClient http, String url, String key, String number) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/verifications"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + number + "\",\"channel\":\"sms\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return find(Pattern.compile("\"id\":\"(vrf_[^\"]+)\""), response.body());
  }

  private static String get(HttpClient http, String url, String key) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in:%n%s", pattern, text).isTrue();
    return m.group(1);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
