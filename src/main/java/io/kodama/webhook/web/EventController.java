package io.kodama.webhook.web;

import io.kodama.tenant.Tenant;
import io.kodama.webhook.WebhookEvent;
import io.kodama.webhook.WebhookEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's events, for clients that poll instead of receiving webhooks. */
@RestController
@RequestMapping(path = "/v1/events", produces = "application/json")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "apiKey")
class EventController {

  private final WebhookEvents events;
  private final JsonMapper json;

  EventController(WebhookEvents events, JsonMapper json) {
    this.events = events;
    this.json = json;
  }

  /**
   * A page of events, each exactly as a webhook carries it.
   *
   * @param next the cursor for the next poll: the last id of this page, or the {@code after} given
   */
  record EventPage(List<JsonNode> data, boolean hasMore, String next) {}

  @GetMapping
  @Operation(summary = "Poll events", description = "The tenant's events after the event id `after`, oldest first."
      + " Poll again with after=next. Events appear about a second after they happen.")
  EventPage list(Tenant tenant,
      @RequestParam(required = false) @Size(max = 40) String after,
      @RequestParam(required = false) @Size(max = 40) String type,
      @RequestParam(defaultValue = "100") int limit) {
    WebhookEvents.Page page = events.list(tenant, blankToNull(after), blankToNull(type), limit);
    List<JsonNode> data = page.events().stream().map(e -> json.readTree(e.payload())).toList();
    String next = page.events().isEmpty() ? blankToNull(after) : page.events().get(page.events().size() - 1).id();
    return new EventPage(data, page.hasMore(), next);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read one event")
  JsonNode get(Tenant tenant, @PathVariable String id) {
    WebhookEvent event = events.get(tenant, id);
    return json.readTree(event.payload());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
