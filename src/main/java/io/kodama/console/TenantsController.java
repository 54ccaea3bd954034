package io.kodama.console;

import io.kodama.sms.SmsTemplates;
import io.kodama.system.ApiException;
import io.kodama.tenant.IssuedKey;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.TenantSettings;
import io.kodama.tenant.Tenants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tenants, their API keys (created and shown once, revoked) and their settings. */
@Controller
final class TenantsController {

  /** The settings the form edits, in the order shown; other keys are kept as they are. */
  static final List<String> FORM_KEYS = List.of(
      "sms.template.ja", "sms.template.en", "sms.webotp-domain", "sms.app-hash",
      TenantSettings.CHANNEL, TenantSettings.CODE_LENGTH, TenantSettings.TTL_SECONDS,
      TenantSettings.RECEIPT_TIMEOUT_SECONDS, TenantSettings.SMS_FAILURES_BEFORE_VOICE,
      "voice.gate", "voice.repetitions", "voice.languages");

  private final Tenants tenants;

  TenantsController(Tenants tenants) {
    this.tenants = tenants;
  }

  @GetMapping("/console/tenants")
  String list(Model model) {
    model.addAttribute("tenants", tenants.list());
    return "console/tenants";
  }

  @PostMapping("/console/tenants")
  String create(@RequestParam String name, @RequestParam(required = false) String brand,
      @RequestParam(defaultValue = "JP") String region, @RequestParam(defaultValue = "ja") String locale,
      RedirectAttributes redirect) {
    try {
      Tenant tenant = tenants.create(null, name.strip(), region, locale,
          brand == null || brand.isBlank() ? null : brand.strip(), Map.of());
      redirect.addFlashAttribute("notice", "tenant.created");
      return "redirect:/console/tenants/" + tenant.id();
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      return "redirect:/console/tenants";
    }
  }

  @GetMapping("/console/tenants/{id}")
  String detail(@PathVariable String id, Model model) {
    Tenant tenant = tenants.get(id);
    Map<String, String> effective = tenant.effectiveSettings();
    Map<String, String> form = new LinkedHashMap<>();
    for (String key : FORM_KEYS) {
      form.put(key, effective.getOrDefault(key, ""));
    }
    model.addAttribute("t", tenant);
    model.addAttribute("keys", tenants.keys(id));
    model.addAttribute("settings", form);
    model.addAttribute("defaultJa", SmsTemplates.defaultTemplate("ja"));
    model.addAttribute("defaultEn", SmsTemplates.defaultTemplate("en"));
    model.addAttribute("otherSettings", effective.entrySet().stream()
        .filter(e -> !FORM_KEYS.contains(e.getKey())).toList());
    return "console/tenant";
  }

  @PostMapping("/console/tenants/{id}/keys")
  String createKey(@PathVariable String id, @RequestParam(required = false) String name,
      RedirectAttributes redirect) {
    IssuedKey key = tenants.createKey(id, name);
    // shown once, on the page the redirect leads to; the flash map lives only until then
    redirect.addFlashAttribute("newKey", key.key());
    redirect.addFlashAttribute("newKeyId", key.id());
    return "redirect:/console/tenants/" + id + "#keys";
  }

  @PostMapping("/console/tenants/{id}/keys/{keyId}/revoke")
  String revokeKey(@PathVariable String id, @PathVariable String keyId, RedirectAttributes redirect) {
    tenants.revokeKey(id, keyId);
    redirect.addFlashAttribute("notice", "key.revoked");
    return "redirect:/console/tenants/" + id + "#keys";
  }

  @PostMapping("/console/tenants/{id}/settings")
  String saveSettings(@PathVariable String id, @RequestParam Map<String, String> form,
      RedirectAttributes redirect) {
    Tenant tenant = tenants.get(id);
    Map<String, String> effective = tenant.effectiveSettings();
    Map<String, String> changes = new LinkedHashMap<>();
    for (String key : FORM_KEYS) {
      String value = form.get("s." + key);
      if (value == null) {
        continue;
      }
      value = value.replace("\r\n", "\n").strip();
      String current = effective.getOrDefault(key, "");
      if (value.equals(current)) {
        continue;
      }
      String fallback = TenantSettings.DEFAULTS.get(key);
      // an empty field, or the default itself, removes the tenant's own value
      changes.put(key, value.isEmpty() || value.equals(fallback) ? null : value);
    }
    try {
      if (!changes.isEmpty()) {
        tenants.update(id, blankToNull(form.get("brand")), blankToNull(form.get("locale")), changes);
      } else {
        tenants.update(id, blankToNull(form.get("brand")), blankToNull(form.get("locale")), Map.of());
      }
      redirect.addFlashAttribute("notice", "settings.saved");
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/tenants/" + id + "#settings";
  }

  /** The live preview of a template: text with a sample code, parts, alphabet, problems. */
  @GetMapping("/console/tenants/{id}/sms-preview")
  @ResponseBody
  SmsTemplates.Preview preview(@PathVariable String id, @RequestParam(defaultValue = "") String template,
      @RequestParam(defaultValue = "ja") String locale) {
    Tenant tenant = tenants.get(id);
    return SmsTemplates.preview(template, locale, tenant.brand(),
        Integer.parseInt(tenant.setting(TenantSettings.CODE_LENGTH)),
        Math.max(1, Integer.parseInt(tenant.setting(TenantSettings.TTL_SECONDS)) / 60),
        tenant.settings().get("sms.app-hash"), tenant.settings().get("sms.webotp-domain"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
