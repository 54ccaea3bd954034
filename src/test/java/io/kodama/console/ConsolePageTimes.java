package io.kodama.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Page times of the console over a large database. Off unless asked for:
 *
 * <pre>
 * mvn -q -o test -Dtest=ConsolePageTimes -Dkodama.console.bench=1000000
 * </pre>
 *
 * Inserts that many closed verifications (with their attempts) over 90 days for two tenants, signs in,
 * and times each page over HTTP (3 warm-up requests, then 15 timed). Prints a table and writes it to
 * target/console-page-times.md.
 */
@KodamaTest
class ConsolePageTimes {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;
  @Autowired
  Tenants tenants;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Clock clock;
  @Autowired
  ConsoleProperties properties;
  @Autowired
  ConsoleSecurity.OperatorPassword password;

  @Test
  void pagesStayFastOverManyVerifications() throws Exception {
    int count = Integer.getInteger("kodama.console.bench", 0);
    Assumptions.assumeTrue(count > 0, "set -Dkodama.console.bench=1000000 to run");
    Instant now = clock.instant();
    Tenant big = tenants.create(null, "Bench Bank", "JP", "ja", "Bench", Map.of());
    Tenant small = tenants.create(null, "Bench Tickets", "JP", "ja", "Tickets", Map.of());
    SyntheticTraffic traffic = new SyntheticTraffic(jdbc, 7);
    long started = System.nanoTime();
    long attempts = traffic.insert(big.id(), count * 4 / 5, now.minus(Duration.ofDays(90)), now, 5000);
    attempts += traffic.insert(small.id(), count - count * 4 / 5, now.minus(Duration.ofDays(90)), now, 5000);
    double insertSeconds = (System.nanoTime() - started) / 1e9;
    jdbc.execute("analyze");

    String someNumber = jdbc.queryForObject("select to_e164 from verifications where tenant_id = ? limit 1",
        String.class, big.id());
    String someRef = jdbc.queryForObject("select external_ref from verifications where tenant_id = ? limit 1",
        String.class, big.id());
    String someId = jdbc.queryForObject("select id from verifications where tenant_id = ? order by id limit 1 offset "
        + (count / 3), String.class, big.id());

    HttpClient client = signIn();
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("dashboard, 24 hours, all tenants", "/console?period=24h");
    pages.put("dashboard, 7 days, all tenants", "/console?period=7d");
    pages.put("dashboard, 30 days, all tenants", "/console?period=30d");
    pages.put("dashboard, 30 days, one tenant", "/console?period=30d&tenant=" + big.id());
    pages.put("verifications, newest 50", "/console/verifications");
    pages.put("verifications, one tenant, newest 50", "/console/verifications?tenant=" + big.id());
    pages.put("verifications, one tenant, a page deep in the past", "/console/verifications?tenant=" + big.id()
        + "&before=" + someId);
    pages.put("verifications, status expired", "/console/verifications?status=expired");
    pages.put("search by full number", "/console/verifications?q=" + URLEncoder.encode(someNumber,
        StandardCharsets.UTF_8));
    pages.put("search by externalRef", "/console/verifications?q=" + someRef);
    pages.put("search by id", "/console/verifications?q=" + someId);
    pages.put("verification timeline", "/console/verifications/" + someId);

    StringBuilder table = new StringBuilder();
    String database = jdbc.getDataSource().getConnection().getMetaData().getDatabaseProductName();
    table.append(String.format("%,d verifications and %,d attempts on %s, inserted in %.0f s (%,.0f rows/s)%n%n",
        count, attempts, database, insertSeconds, (count + attempts) / insertSeconds));
    table.append("| page | median ms | p95 ms |\n|---|---:|---:|\n");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      for (int i = 0; i < 3; i++) {
        assertThat(get(client, page.getValue()).statusCode()).as(page.getKey()).isEqualTo(200);
      }
      double[] times = new double[15];
      for (int i = 0; i < times.length; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> response = get(client, page.getValue());
        times[i] = (System.nanoTime() - t0) / 1e6;
        assertThat(response.statusCode()).isEqualTo(200);
      }
      Arrays.sort(times);
      table.append(String.format("| %s | %.1f | %.1f |%n", page.getKey(), times[times.length / 2],
          times[(int) Math.ceil(times.length * 0.95) - 1]));
    }
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "console-page-times.md"), table.toString());
  }

  private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpClient signIn() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    Matcher m = CSRF.matcher(get(client, "/console/login").body());
    assertThat(m.find()).isTrue();
    List<String> form = new ArrayList<>();
    form.add("username=" + URLEncoder.encode(properties.username(), StandardCharsets.UTF_8));
    form.add("password=" + URLEncoder.encode(password.value(), StandardCharsets.UTF_8));
    form.add("_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/console/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    return client;
  }
}
