package io.kodama.protection.web;

import io.kodama.phone.PhoneNumbers;
import io.kodama.protection.NumberStatus;
import io.kodama.protection.NumberStatuses;
import io.kodama.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether codes still reach a number (stale numbers). */
@RestController
@RequestMapping(path = "/v1/numbers", produces = "application/json")
@Tag(name = "Numbers")
@SecurityRequirement(name = "apiKey")
class NumberStatusController {

  private final NumberStatuses statuses;
  private final PhoneNumbers phoneNumbers;

  NumberStatusController(NumberStatuses statuses, PhoneNumbers phoneNumbers) {
    this.statuses = statuses;
    this.phoneNumbers = phoneNumbers;
  }

  @GetMapping("/{number}/status")
  @Operation(summary = "Whether codes reach a number", description = "`unreachable` after repeated non-delivery"
      + " on SMS and on voice: ask the customer to update the number. A number never seen is `reachable`.")
  NumberStatus status(Tenant tenant, @PathVariable String number) {
    return statuses.status(tenant, phoneNumbers.parse(number, tenant.region()));
  }
}
