package io.kodama.console;

import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard: a period and a tenant (or all), figures and charts. */
@Controller
final class DashboardController {

  /** The periods offered, with the chart's bucket. */
  enum Period {
    H24("24h", Duration.ofHours(24), Duration.ofHours(1)),
    D7("7d", Duration.ofDays(7), Duration.ofHours(6)),
    D30("30d", Duration.ofDays(30), Duration.ofDays(1));

    final String key;
    final Duration length;
    final Duration bucket;

    Period(String key, Duration length, Duration bucket) {
      this.key = key;
      this.length = length;
      this.bucket = bucket;
    }

    public String key() {
      return key;
    }

    static Period of(String key) {
      for (Period p : values()) {
        if (p.key.equals(key)) {
          return p;
        }
      }
      return D7;
    }
  }

  static final List<String> VOICE_OUTCOMES = List.of("completed", "answered", "hung_up_early", "no_input", "busy",
      "no_answer", "rejected", "invalid_number", "failed", "calling", "queued");

  private final ConsoleQueries queries;
  private final Tenants tenants;
  private final ConsoleProperties properties;
  private final Clock clock;
  private final JsonMapper json;

  DashboardController(ConsoleQueries queries, Tenants tenants, ConsoleProperties properties, Clock clock,
      JsonMapper json) {
    this.queries = queries;
    this.tenants = tenants;
    this.properties = properties;
    this.clock = clock;
    this.json = json;
  }

  @GetMapping("/console")
  String dashboard(@RequestParam(defaultValue = "7d") String period,
      @RequestParam(required = false) String tenant, Model model) {
    Period p = Period.of(period);
    String tenantId = tenant == null || tenant.isBlank() ? null : tenant;
    Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    Instant from = to.minus(p.length);
    int offset = properties.zone().getRules().getOffset(to).getTotalSeconds();
    ConsoleQueries.Stats stats = queries.stats(from, to, tenantId, p.bucket, offset);

    Map<String, Long> voice = new LinkedHashMap<>();
    for (String outcome : VOICE_OUTCOMES) {
      Long n = stats.voiceOutcomes().get(outcome);
      if (n != null && n > 0) {
        voice.put(outcome, n);
      }
    }
    stats.voiceOutcomes().forEach((k, v) -> voice.putIfAbsent(k, v));
    long voiceMax = voice.values().stream().mapToLong(Long::longValue).max().orElse(0);

    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("x", stats.series().buckets());
    chart.put("started", stats.series().started());
    chart.put("approved", stats.series().approved());
    chart.put("bucketSeconds", p.bucket.toSeconds());

    List<Tenant> all = tenants.list();
    model.addAttribute("periods", Period.values());
    model.addAttribute("period", p.key);
    model.addAttribute("tenants", all);
    model.addAttribute("tenant", tenantId);
    model.addAttribute("stats", stats);
    model.addAttribute("voice", voice);
    model.addAttribute("voiceMax", voiceMax);
    model.addAttribute("chartJson", json.writeValueAsString(chart));
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    return "console/dashboard";
  }
}
