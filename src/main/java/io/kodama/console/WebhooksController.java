package io.kodama.console;

import io.kodama.system.ApiException;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import io.kodama.webhook.DeliveryRecord;
import io.kodama.webhook.EventTypes;
import io.kodama.webhook.WebhookEndpoint;
import io.kodama.webhook.WebhookEndpoints;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Webhook endpoints: create (secret shown once), rotate the secret, send a test, delivery log, redeliver. */
@Controller
final class WebhooksController {

  private static final int LOG_PAGE = 50;

  private final Tenants tenants;
  private final WebhookEndpoints endpoints;

  WebhooksController(Tenants tenants, WebhookEndpoints endpoints) {
    this.tenants = tenants;
    this.endpoints = endpoints;
  }

  /** An endpoint and the name of its tenant, for the list. */
  record Listed(Tenant tenant, WebhookEndpoint endpoint) {}

  @GetMapping("/console/webhooks")
  String list(@RequestParam(required = false) String tenant, Model model) {
    List<Tenant> all = tenants.list();
    List<Listed> listed = new ArrayList<>();
    for (Tenant t : all) {
      if (tenant == null || tenant.isBlank() || t.id().equals(tenant)) {
        endpoints.list(t).forEach(e -> listed.add(new Listed(t, e)));
      }
    }
    model.addAttribute("tenants", all);
    model.addAttribute("tenant", tenant);
    model.addAttribute("endpoints", listed);
    model.addAttribute("eventTypes", EventTypes.ALL.stream().filter(t -> !t.equals(EventTypes.WEBHOOK_TEST)).toList());
    return "console/webhooks";
  }

  @PostMapping("/console/webhooks")
  String create(@RequestParam String tenant, @RequestParam String url,
      @RequestParam(required = false) List<String> types, @RequestParam(required = false) String description,
      RedirectAttributes redirect) {
    Tenant t = tenants.get(tenant);
    try {
      WebhookEndpoints.WithSecret created = endpoints.create(t, url.strip(),
          types == null || types.isEmpty() ? null : types, true, description);
      redirect.addFlashAttribute("newSecret", created.secret());
      return "redirect:/console/webhooks/" + t.id() + "/" + created.endpoint().id();
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      return "redirect:/console/webhooks";
    }
  }

  @GetMapping("/console/webhooks/{tenant}/{id}")
  String detail(@PathVariable String tenant, @PathVariable String id,
      @RequestParam(required = false) String before, Model model) {
    Tenant t = tenants.get(tenant);
    List<DeliveryRecord> log = endpoints.deliveries(t, id, before == null || before.isBlank() ? null : before,
        LOG_PAGE);
    model.addAttribute("t", t);
    model.addAttribute("e", endpoints.get(t, id));
    model.addAttribute("log", log);
    model.addAttribute("next", log.size() == LOG_PAGE ? log.get(LOG_PAGE - 1).id() : null);
    return "console/webhook";
  }

  @PostMapping("/console/webhooks/{tenant}/{id}/rotate")
  String rotate(@PathVariable String tenant, @PathVariable String id, RedirectAttributes redirect) {
    redirect.addFlashAttribute("newSecret", endpoints.rotateSecret(tenants.get(tenant), id).secret());
    return "redirect:/console/webhooks/" + tenant + "/" + id;
  }

  @PostMapping("/console/webhooks/{tenant}/{id}/test")
  String test(@PathVariable String tenant, @PathVariable String id, RedirectAttributes redirect) {
    act(redirect, () -> endpoints.sendTest(tenants.get(tenant), id), "webhook.testSent");
    return "redirect:/console/webhooks/" + tenant + "/" + id;
  }

  @PostMapping("/console/webhooks/{tenant}/{id}/enabled")
  String enable(@PathVariable String tenant, @PathVariable String id, @RequestParam boolean enabled,
      RedirectAttributes redirect) {
    act(redirect, () -> endpoints.update(tenants.get(tenant), id, null, null, enabled, null),
        enabled ? "webhook.enabled" : "webhook.disabled");
    return "redirect:/console/webhooks/" + tenant + "/" + id;
  }

  @PostMapping("/console/webhooks/{tenant}/{id}/redeliver")
  String redeliver(@PathVariable String tenant, @PathVariable String id, @RequestParam String event,
      RedirectAttributes redirect) {
    act(redirect, () -> endpoints.redeliver(tenants.get(tenant), id, event), "webhook.redelivered");
    return "redirect:/console/webhooks/" + tenant + "/" + id;
  }

  @PostMapping("/console/webhooks/{tenant}/{id}/delete")
  String delete(@PathVariable String tenant, @PathVariable String id, RedirectAttributes redirect) {
    endpoints.delete(tenants.get(tenant), id);
    redirect.addFlashAttribute("notice", "webhook.deleted");
    return "redirect:/console/webhooks";
  }

  private static void act(RedirectAttributes redirect, Runnable action, String notice) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", notice);
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
  }
}
