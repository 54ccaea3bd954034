package io.kodama.console;

import io.kodama.dispatch.Dispatcher;
import io.kodama.phone.PhoneNumbers;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Verifications: search by id, externalRef or full number; one verification's timeline. */
@Controller
final class VerificationsController {

  private static final Pattern NUMBER_LIKE = Pattern.compile("[+＋]?[0-9０-９][0-9０-９ ()\\-‐－]{5,}");
  static final List<String> STATUSES = List.of("pending", "approved", "expired", "failed", "canceled");

  private final ConsoleQueries queries;
  private final Tenants tenants;
  private final PhoneNumbers phoneNumbers;
  private final Dispatcher dispatcher;
  private final ObjectProvider<TimelineSource> timelineSources;

  VerificationsController(ConsoleQueries queries, Tenants tenants, PhoneNumbers phoneNumbers, Dispatcher dispatcher,
      ObjectProvider<TimelineSource> timelineSources) {
    this.queries = queries;
    this.tenants = tenants;
    this.phoneNumbers = phoneNumbers;
    this.dispatcher = dispatcher;
    this.timelineSources = timelineSources;
  }

  @GetMapping("/console/verifications")
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String status, @RequestParam(required = false) String before, Model model) {
    String query = q == null ? "" : q.strip();
    String tenantId = blankToNull(tenant);
    String statusFilter = status != null && STATUSES.contains(status) ? status : null;
    Map<String, Tenant> byId = tenants.list().stream().collect(Collectors.toMap(Tenant::id, Function.identity(),
        (a, b) -> a, java.util.LinkedHashMap::new));
    String id = null;
    String e164 = null;
    String ref = null;
    if (!query.isEmpty()) {
      if (query.startsWith("vrf_")) {
        id = query;
      } else if (NUMBER_LIKE.matcher(query).matches()) {
        try {
          String region = tenantId != null && byId.containsKey(tenantId) ? byId.get(tenantId).region() : "JP";
          e164 = phoneNumbers.parse(query, region).e164();
        } catch (ApiException notANumber) {
          ref = query;
        }
      } else {
        ref = query;
      }
    }
    ConsoleQueries.Page page = queries.search(new ConsoleQueries.Search(id, e164, ref, tenantId, statusFilter,
        blankToNull(before)));
    // a number is searched in full but never shown in full: the search box does not echo it
    model.addAttribute("q", e164 != null ? "" : query);
    model.addAttribute("qParam", query);
    model.addAttribute("searchedNumber", e164 == null ? null : io.kodama.phone.MaskedNumber.of(e164));
    model.addAttribute("searchKind", id != null ? "id" : e164 != null ? "number" : ref != null ? "ref" : null);
    model.addAttribute("tenant", tenantId);
    model.addAttribute("status", statusFilter);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("tenants", byId);
    model.addAttribute("page", page);
    model.addAttribute("before", blankToNull(before));
    return "console/verifications";
  }

  @GetMapping("/console/verifications/{id}")
  String detail(@PathVariable String id, Model model) {
    ConsoleQueries.Row row = queries.verification(id)
        .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No verification " + id));
    List<Timeline.Step> extra = timelineSources.orderedStream().flatMap(s -> s.steps(row.tenantId(), id).stream()).toList();
    model.addAttribute("v", row);
    model.addAttribute("tenant", tenants.find(row.tenantId()).orElse(null));
    model.addAttribute("steps", Timeline.of(row, dispatcher.attempts(id), extra));
    return "console/verification";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
