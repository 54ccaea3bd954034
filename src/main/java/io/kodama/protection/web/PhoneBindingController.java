package io.kodama.protection.web;

import io.kodama.phone.PhoneNumbers;
import io.kodama.protection.PhoneBinding;
import io.kodama.protection.PhoneBindings;
import io.kodama.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's phone bindings (one member per phone). */
@RestController
@Validated
@RequestMapping(path = "/v1/phone-bindings", produces = "application/json")
@Tag(name = "Phone bindings")
@SecurityRequirement(name = "apiKey")
class PhoneBindingController {

  private final PhoneBindings bindings;
  private final PhoneNumbers phoneNumbers;

  PhoneBindingController(PhoneBindings bindings, PhoneNumbers phoneNumbers) {
    this.bindings = bindings;
    this.phoneNumbers = phoneNumbers;
  }

  record BindingList(List<PhoneBinding> data) {}

  @GetMapping
  @Operation(summary = "List phone bindings", description = "Optionally of one number (`to`) or one member"
      + " (`externalRef`). A binding is made when a `signup` verification with an `externalRef` is approved and"
      + " the setting protection.bindings.one-member-per-phone is true.")
  BindingList list(Tenant tenant, @RequestParam(required = false) @Size(max = 40) String to,
      @RequestParam(required = false) @Size(max = 200) String externalRef,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return new BindingList(bindings.list(tenant, to == null ? null : phoneNumbers.parse(to, tenant.region()),
        externalRef, limit));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Release a phone binding", description = "The number can then sign up another member.")
  void release(Tenant tenant, @PathVariable String id) {
    bindings.release(tenant, id);
  }
}
