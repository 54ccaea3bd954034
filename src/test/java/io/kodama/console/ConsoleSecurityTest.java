package io.kodama.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenants;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's sign-in protects {@code /console/**} only: the APIs keep their own authentication,
 * answer problem+json without sessions or redirects, and take no CSRF token.
 */
@KodamaTest
class ConsoleSecurityTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;
  @Autowired
  Tenants tenants;
  @Autowired
  ConsoleProperties properties;
  @Autowired
  ConsoleSecurity.OperatorPassword password;

  private HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(HttpClient client, String path, Map<String, String> form)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  private HttpClient signedIn() throws Exception {
    HttpClient client = browser();
    String token = csrf(get(client, "/console/login"));
    HttpResponse<String> login = postForm(client, "/console/login",
        Map.of("username", properties.username(), "password", password.value(), "_csrf", token));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/console");
    return client;
  }

  @Test
  void consolePagesNeedTheOperatorsSignIn() throws Exception {
    HttpResponse<String> page = get(browser(), "/console/verifications");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    assertThat(get(browser(), "/console/login").statusCode()).isEqualTo(200);
    assertThat(get(browser(), "/console/assets/console.css").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    HttpClient client = browser();
    String token = csrf(get(client, "/console/login"));
    HttpResponse<String> login = postForm(client, "/console/login",
        Map.of("username", properties.username(), "password", "not-the-password", "_csrf", token));
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
    assertThat(get(client, "/console").statusCode()).isEqualTo(302);
  }

  @Test
  void formsWithoutTheCsrfTokenAreRefused() throws Exception {
    HttpClient client = signedIn();
    assertThat(get(client, "/console").statusCode()).isEqualTo(200);
    HttpResponse<String> forged = postForm(client, "/console/tenants", Map.of("name", "Forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(tenants.list()).noneMatch(t -> t.name().equals("Forged"));
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    HttpClient client = signedIn();
    String token = csrf(get(client, "/console/tenants"));
    HttpResponse<String> out = postForm(client, "/console/logout", Map.of("_csrf", token));
    assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?logout");
    assertThat(get(client, "/console").statusCode()).isEqualTo(302);
  }

  @Test
  void theApisKeepTheirOwnAuthenticationWithoutSessionsRedirectsOrCsrf() throws Exception {
    HttpResponse<String> anonymous = get(browser(), "/v1/verifications/vrf_nothing");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(anonymous.headers().firstValue("Location")).isEmpty();

    HttpResponse<String> admin = get(browser(), "/admin/v1/tenants");
    assertThat(admin.statusCode()).isEqualTo(401);
    assertThat(admin.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

    // a POST with an API key and no CSRF token works
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api.Response started = new Api(port, tenant.key()).post("/v1/verifications", Map.of("to", Fixtures.mobile()));
    assertThat(started.status()).isEqualTo(201);
    assertThat(started.header("Set-Cookie")).isNull();

    assertThat(get(browser(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get(browser(), "/v3/api-docs").statusCode()).isEqualTo(200);
    assertThat(get(browser(), "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
  }

  @Test
  void numbersAreMaskedAndSearchedOnTheFullNumber() throws Exception {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    String number = Fixtures.mobile();
    new Api(port, tenant.key()).post("/v1/verifications", Map.of("to", number, "externalRef", "member-7"));
    HttpClient client = signedIn();
    String national = "0" + number.substring(3);
    HttpResponse<String> found = get(client, "/console/verifications?q=" + national + "&tenant=" + tenant.tenant().id());
    assertThat(found.body()).contains(io.kodama.phone.MaskedNumber.of(number)).doesNotContain(number)
        .doesNotContain("value=\"" + national);
    assertThat(found.body().split("class=\"vrow\"", -1)).hasSize(2);
    HttpResponse<String> byRef = get(client, "/console/verifications?q=member-7&tenant=" + tenant.tenant().id());
    assertThat(byRef.body().split("class=\"vrow\"", -1)).hasSize(2);
    HttpResponse<String> partial = get(client, "/console/verifications?q=" + number.substring(0, 8)
        + "&tenant=" + tenant.tenant().id());
    assertThat(partial.body()).doesNotContain("class=\"vrow\"");
  }
}
