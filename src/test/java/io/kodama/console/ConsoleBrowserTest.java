package io.kodama.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real browser (Debian's headless Chromium): sign in, run the demo phone over real
 * SMPP (and SIP once the voice channel is there), follow the timeline, check the code, see the
 * dashboard count it. Screenshots of the main pages, in Japanese and English, go to
 * target/screenshots.
 */
@KodamaTest
class ConsoleBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern CODE = Pattern.compile("(\\d{6})");

  @LocalServerPort
  int port;
  @Autowired
  Tenants tenants;
  @Autowired
  ConsoleProperties properties;
  @Autowired
  ConsoleSecurity.OperatorPassword password;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired
  java.time.Clock clock;

  /** Two tenants with a week of closed verifications, so the screenshots show a console in use. */
  private String showcase() {
    java.time.Instant now = clock.instant();
    io.kodama.tenant.Tenant bank = tenants.create(null, "こだま銀行", "JP", "ja", "こだま銀行", Map.of());
    io.kodama.tenant.Tenant tickets = tenants.create(null, "Sakura Tickets", "JP", "en", "Sakura", Map.of());
    SyntheticTraffic traffic = new SyntheticTraffic(jdbc, 42);
    traffic.insert(bank.id(), 2400, now.minus(Duration.ofDays(7)), now.minusSeconds(600), 500);
    traffic.insert(tickets.id(), 900, now.minus(Duration.ofDays(7)), now.minusSeconds(600), 500);
    tenants.createKey(bank.id(), "backend");
    tenants.createKey(bank.id(), "batch");
    return bank.id();
  }

  @Test
  void operatorRunsTheDemoFollowsTheFallbackChecksTheCodeAndSeesItCounted() {
    // one language and two readings keep the call short on a loaded machine
    Fixtures.TestTenant tenant = Fixtures.e2eTenant(tenants, Map.of("voice.languages", "ja", "voice.repetitions", "2"));
    String id = tenant.tenant().id();
    String bank = showcase();
    com.sun.net.httpserver.HttpServer receiver;
    try {
      receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    receiver.createContext("/hooks", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (Browser browser = new Browser("http://localhost:" + port, "ja")) {
      browser.open("/console");
      assertThat(browser.driver().getCurrentUrl()).contains("/console/login");
      browser.screenshot("login-ja");
      browser.signIn(properties.username(), password.value());
      browser.await("#kpi-started", WAIT);

      // a webhook endpoint for the tenant: the secret is shown once
      browser.open("/console/webhooks?lang=en&tenant=" + id);
      browser.find("#wh-url").sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
      browser.find("#wh-description").sendKeys("Login service");
      browser.find("#create-endpoint").click();
      assertThat(browser.await("#new-secret", WAIT).getText()).startsWith("whsec_");
      String endpointPage = browser.driver().getCurrentUrl();
      // the form posts and comes back: wait for that before opening another page (it raced the next open)
      browser.clickToNewPage("#send-test", WAIT);

      // undeliverable: the SMS fails at the carrier, Kodama falls back to a call
      browser.open("/console/demo?tenant=" + id + "&lang=ja");
      browser.find("#behaviour-undeliverable").click();
      browser.find("#start").click();
      browser.await("#panel-steps li[data-channel=sms][data-status=undelivered]", WAIT);
      browser.await("#panel-steps li[data-kind=attempt][data-channel=voice]", WAIT);
      String fallbackId = browser.find("#panel-steps .steps-title a.mono").getText();
      boolean phone = browser.all("#no-phone").isEmpty();
      boolean heardAndChecked = false;
      if (phone) {
        // the simulated phone answered: the call's outcome in the timeline, its recording on the phone
        browser.await("#panel-steps li[data-channel=voice][data-kind=outcome][data-status=completed]",
            Duration.ofSeconds(120));
        WebElement audio = browser.await("#panel .call audio", Duration.ofSeconds(60));
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('content-type')));",
            audio.getAttribute("src"));
        assertThat(status).isEqualTo("200 audio/wav");
        // the phone pressed a key at the voice gate and heard the code read aloud
        String heard = browser.await("#panel .call .heard b", WAIT).getText();
        browser.find("#code").sendKeys(heard);
        browser.find("#check").click();
        browser.awaitText("#check-result", "承認されました", WAIT);
        heardAndChecked = true;
      }
      browser.screenshot("demo-fallback-ja");

      browser.open("/console/verifications/" + fallbackId);
      assertThat(browser.all(".timeline li[data-channel=sms][data-status=undelivered]")).hasSize(1);
      assertThat(browser.find(".timeline").getText()).contains("切替：SMS が届きませんでした");
      reloadUntil(browser, ".timeline li[data-kind=webhook][data-status=succeeded]");
      browser.screenshot("timeline-ja");
      browser.open("/console/verifications/" + fallbackId + "?lang=en");
      assertThat(browser.find(".timeline").getText()).contains("Fallback: the SMS was not delivered");
      browser.screenshot("timeline-en");

      // delivered: read the code on the handset's screen and check it
      browser.open("/console/demo?tenant=" + id + "&lang=en");
      browser.find("#behaviour-delivered").click();
      browser.find("#start").click();
      String vid = browser.await("#panel-steps .steps-title a.mono", WAIT).getText();
      WebElement sms = browser.await("#panel-steps li[data-channel=sms][data-status=delivered]", WAIT);
      assertThat(sms).isNotNull();
      String text = browser.await("#panel .bubble.sms", WAIT).getText();
      Matcher code = CODE.matcher(text);
      assertThat(code.find()).as("a code on the handset: %s", text).isTrue();
      browser.find("#code").sendKeys("000000".equals(code.group(1)) ? "111111" : "000000");
      browser.find("#check").click();
      browser.awaitText("#check-result", "Not approved", WAIT);
      browser.find("#code").sendKeys(code.group(1));
      browser.find("#check").click();
      browser.awaitText("#check-result", "Approved", WAIT);
      browser.await("#panel-steps li[data-kind=closed][data-status=approved]", WAIT);
      browser.screenshot("demo-phone-en");

      // the dashboard counts them
      browser.open("/console?tenant=" + id + "&lang=ja");
      assertThat(browser.find("#kpi-started").getText()).isEqualTo("2");
      assertThat(browser.find("#kpi-approved").getText()).isEqualTo(heardAndChecked ? "2" : "1");
      browser.await("#chart .u-over", WAIT);
      assertThat(browser.scriptErrors()).isEmpty();
      browser.screenshot("dashboard-ja");
      browser.open("/console?lang=en");
      browser.await("#chart .u-over", WAIT);
      browser.screenshot("dashboard-en");
      browser.open("/console?tenant=" + bank + "&lang=ja");
      browser.await("#chart .u-over", WAIT);
      browser.screenshot("dashboard-bank-ja");
      browser.open("/console?period=24h&lang=en");
      browser.await("#chart .u-over", WAIT);
      browser.screenshot("dashboard-24h-en");

      // search: by id, by the full number (shown masked), by externalRef
      browser.open("/console/verifications?q=" + vid);
      assertThat(browser.all("tr.vrow")).as("search for %s: %s", vid, browser.find("main").getText()).hasSize(1);
      browser.open("/console/verifications?tenant=" + id + "&q=090-5550-0001");
      assertThat(browser.find("tr.vrow").getText()).contains("+81 90-****-0001").doesNotContain("+819055500001");
      browser.open("/console/verifications?tenant=" + id + "&q=console-demo&lang=ja");
      assertThat(browser.all("tr.vrow")).hasSize(2);
      browser.screenshot("verifications-ja");
      browser.open("/console/verifications?lang=en&tenant=" + bank);
      assertThat(browser.all("tr.vrow")).hasSize(ConsoleQueries.PAGE_SIZE);
      browser.clickToNewPage("#next-page", WAIT);
      assertThat(browser.all("tr.vrow")).hasSize(ConsoleQueries.PAGE_SIZE);
      browser.open("/console/verifications?lang=en");
      browser.screenshot("verifications-en");

      // tenants: a key shown once, then revoked
      browser.open("/console/tenants/" + id + "?lang=en");
      browser.find("#key-name").sendKeys("console-test");
      browser.find("#create-key").click();
      String key = browser.await("#new-key", WAIT).getText();
      assertThat(key).startsWith("kdm_");
      assertThat(tenants.authenticate(key)).isPresent();
      browser.screenshot("tenant-en");
      browser.open("/console/tenants/" + id);
      assertThat(browser.driver().getPageSource()).doesNotContain(key);
      browser.open("/console/tenants/" + id + "?lang=ja");
      browser.screenshot("tenant-ja");
      browser.open("/console/tenants?lang=en");
      browser.screenshot("tenants-en");
      browser.open("/console/tenants/" + bank + "?lang=ja");
      browser.find("#tpl-ja").sendKeys("【{brand}】ログイン用の認証コードは {code} です。");
      browser.await("#preview-ja .bubble", WAIT);
      new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), WAIT)
          .until(d -> browser.find("#preview-ja .bubble").getText().contains("ログイン用"));
      assertThat(browser.find("#preview-ja .segments").getText()).startsWith("1");
      browser.screenshot("settings-ja");
      browser.open("/console/demo?tenant=" + id + "&n=%2B819055500001&v=" + vid + "&lang=ja");
      browser.await("#panel .bubble.sms", WAIT);
      browser.screenshot("demo-phone-ja");

      browser.driver().get(endpointPage.replaceAll("\\?.*", "") + "?lang=ja");
      reloadUntil(browser, "tr.delivery");
      browser.screenshot("webhook-ja");
      browser.open("/console/webhooks?lang=en");
      browser.screenshot("webhooks-en");

      browser.find("#logout").click();
      // the click submits the logout form; the browser may still show the old page for a moment
      new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), WAIT)
          .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/console/login"));
      assertThat(browser.driver().getCurrentUrl()).contains("/console/login");
      browser.open("/console/login?lang=en");
      browser.screenshot("login-en");
    } finally {
      receiver.stop(0);
    }
  }

  private static void reloadUntil(Browser browser, String css) {
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), WAIT, Duration.ofMillis(700)).until(d -> {
      d.navigate().refresh();
      return !browser.all(css).isEmpty();
    });
  }
}
