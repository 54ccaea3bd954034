package io.kodama.console;

import io.kodama.dispatch.Dispatcher;
import io.kodama.phone.MaskedNumber;
import io.kodama.simulator.smsc.InboxMessage;
import io.kodama.simulator.smsc.SimulatedOutcome;
import io.kodama.simulator.smsc.SmscSimulator;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import io.kodama.verification.CheckResult;
import io.kodama.verification.StartCommand;
import io.kodama.verification.Verifications;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The demo phone: the simulated handsets' SMS inboxes and call logs, and a "try it" form that starts
 * a verification for a chosen behaviour and checks the code the visitor read or heard. Present only
 * when the simulators run. The inbox shows codes: it is the simulated handset's own screen.
 */
@Controller
@ConditionalOnProperty(name = "kodama.simulators.enabled", havingValue = "true", matchIfMissing = true)
final class DemoController {

  /**
   * A behaviour of the try-it form and the simulator number that produces it (SMS outcome by the
   * last three digits, call behaviour by the last four: see the simulators' number rules).
   */
  record Behaviour(String key, String e164) {

    public String masked() {
      return MaskedNumber.of(e164);
    }
  }

  static final List<Behaviour> BEHAVIOURS = List.of(
      // SMS delivered (…001)
      new Behaviour("delivered", "+819055500001"),
      // SMS UNDELIV (…901); the phone answers and presses 0 after 9 units, which opens the voice gate
      new Behaviour("undeliverable", "+819055505901"),
      // a landline: called first; answers and presses 0 after 1 unit
      new Behaviour("landline", "+81355505100"),
      // SMS UNDELIV (…901), then 486 Busy Here (T=1)
      new Behaviour("busy", "+819055501901"));

  private final ObjectProvider<SmscSimulator> smsc;
  private final PhoneLog calls;
  private final Tenants tenants;
  private final Verifications verifications;
  private final ConsoleQueries queries;
  private final Dispatcher dispatcher;
  private final ConsoleProperties properties;

  DemoController(ObjectProvider<SmscSimulator> smsc, PhoneLog calls, Tenants tenants,
      Verifications verifications, ConsoleQueries queries, Dispatcher dispatcher, ConsoleProperties properties) {
    this.smsc = smsc;
    this.calls = calls;
    this.tenants = tenants;
    this.verifications = verifications;
    this.queries = queries;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  /** A number of the picker: the number, masked, and its behaviour key when it is one of the form's. */
  record Handset(String e164, String masked, String behaviour) {}

  @GetMapping("/console/demo")
  String page(@RequestParam(required = false) String n, @RequestParam(required = false) String v,
      @RequestParam(required = false) String tenant, Model model) {
    List<Tenant> all = tenants.list();
    String chosenTenant = tenant != null ? tenant
        : all.stream().anyMatch(t -> t.id().equals(properties.demoTenant())) ? properties.demoTenant()
            : all.isEmpty() ? null : all.get(0).id();
    String number = n != null && !n.isBlank() ? n.strip() : BEHAVIOURS.get(1).e164();
    model.addAttribute("behaviours", BEHAVIOURS);
    model.addAttribute("selectedBehaviour", BEHAVIOURS.stream().filter(b -> b.e164().equals(number))
        .map(Behaviour::key).findFirst().orElse(BEHAVIOURS.get(1).key()));
    model.addAttribute("handsets", handsets());
    model.addAttribute("tenants", all);
    model.addAttribute("tenant", chosenTenant);
    model.addAttribute("demoTenantMissing", all.stream().noneMatch(t -> t.id().equals(properties.demoTenant())));
    model.addAttribute("n", number);
    model.addAttribute("nMasked", MaskedNumber.of(number));
    model.addAttribute("v", v);
    panel(number, v, model);
    return "console/demo";
  }

  /** The part of the page that refreshes itself: the handset's screen and the verification's steps. */
  @GetMapping("/console/demo/panel")
  String refresh(@RequestParam String n, @RequestParam(required = false) String v, Model model) {
    panel(n.strip(), v, model);
    return "console/demo-panel";
  }

  private void panel(String number, String v, Model model) {
    // the simulator keeps every SMS it accepted; the handset shows only those its carrier delivers
    SimulatedOutcome outcome = SimulatedOutcome.forNumber(number);
    boolean reaches = "DELIVRD".equals(outcome.stat());
    List<InboxMessage> inbox = new ArrayList<>(smsc.getIfAvailable() == null || !reaches ? List.of()
        : smsc.getObject().inbox(number));
    Collections.reverse(inbox);
    model.addAttribute("carrierStat", reaches ? null : outcome.stat() == null ? outcome.name() : outcome.stat());
    model.addAttribute("n", number);
    model.addAttribute("nMasked", MaskedNumber.of(number));
    model.addAttribute("inbox", inbox);
    model.addAttribute("phoneAvailable", calls.available());
    model.addAttribute("calls", calls.calls(number));
    Optional<ConsoleQueries.Row> row = v == null || v.isBlank() ? Optional.empty() : queries.verification(v);
    model.addAttribute("verification", row.orElse(null));
    model.addAttribute("steps", row.map(r -> Timeline.of(r, dispatcher.attempts(r.id()), List.of())).orElse(List.of()));
    // settled once the verification closed and no delivery is under way: the page stops refreshing
    model.addAttribute("settled", row.map(r -> !"pending".equals(r.status())
        && dispatcher.attempts(r.id()).stream().allMatch(a -> a.isFinal())).orElse(true));
  }

  @PostMapping("/console/demo/start")
  String start(@RequestParam String behaviour, @RequestParam String tenant, RedirectAttributes redirect) {
    Behaviour chosen = BEHAVIOURS.stream().filter(b -> b.key().equals(behaviour)).findFirst()
        .orElseThrow(() -> new ApiException(ProblemType.VALIDATION, "Unknown behaviour " + behaviour));
    Tenant t = tenants.get(tenant);
    try {
      Verifications.Snapshot started = verifications.start(t,
          new StartCommand(chosen.e164(), "auto", null, null, null, "login", "console-demo"), null);
      return "redirect:/console/demo?tenant=" + t.id() + "&n=" + chosen.e164().replace("+", "%2B") + "&v="
          + started.verification().id();
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      return "redirect:/console/demo?tenant=" + t.id() + "&n=" + chosen.e164().replace("+", "%2B");
    }
  }

  @PostMapping("/console/demo/check")
  String check(@RequestParam String v, @RequestParam String n, @RequestParam String code,
      RedirectAttributes redirect) {
    ConsoleQueries.Row row = queries.verification(v)
        .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No verification " + v));
    Tenant tenant = tenants.get(row.tenantId());
    String typed = code.strip();
    try {
      CheckResult result = verifications.check(tenant, v, typed);
      redirect.addFlashAttribute("check", result);
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/demo?tenant=" + tenant.id() + "&n=" + n.replace("+", "%2B") + "&v=" + v;
  }

  /** What the simulated phone heard in a call, as WAV, for the page's audio player. */
  @GetMapping("/console/demo/audio")
  ResponseEntity<Resource> audio(@RequestParam String call) {
    return calls.recording(call)
        .map(path -> ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav"))
            .cacheControl(CacheControl.noStore()).<Resource>body(new FileSystemResource(path)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  private List<Handset> handsets() {
    TreeSet<String> numbers = new TreeSet<>();
    BEHAVIOURS.forEach(b -> numbers.add(b.e164()));
    SmscSimulator simulator = smsc.getIfAvailable();
    if (simulator != null) {
      numbers.addAll(simulator.numbers());
    }
    numbers.addAll(calls.numbers());
    List<Handset> out = new ArrayList<>();
    for (Behaviour b : BEHAVIOURS) {
      out.add(new Handset(b.e164(), b.masked(), b.key()));
      numbers.remove(b.e164());
    }
    numbers.stream().limit(200).forEach(e164 -> out.add(new Handset(e164, MaskedNumber.of(e164), null)));
    return out;
  }
}
