package io.kodama.verification.web;

import io.kodama.tenant.Tenant;
import io.kodama.verification.CheckResult;
import io.kodama.verification.StartCommand;
import io.kodama.verification.TransactionDetails;
import io.kodama.verification.Verifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The verification API of a tenant, authenticated by its API key. */
@RestController
@RequestMapping(path = "/v1/verifications", produces = "application/json")
@Tag(name = "Verifications")
@SecurityRequirement(name = "apiKey")
class VerificationController {

  private final Verifications verifications;

  VerificationController(Verifications verifications) {
    this.verifications = verifications;
  }

  record StartRequest(
      @NotBlank @Size(max = 40) String to,
      @Pattern(regexp = "auto|sms|voice", message = "must be auto, sms or voice") String channel,
      @Pattern(regexp = "ja|en", message = "must be ja or en") String locale,
      @Min(4) @Max(10) Integer codeLength,
      @Min(60) @Max(600) Integer ttlSeconds,
      @Pattern(regexp = "[a-z][a-z0-9_-]{0,39}", message = "must be a lower-case word such as login, signup or transaction")
          String purpose,
      @Size(max = 200) String externalRef,
      @Size(max = 20) String amount,
      @Size(max = 3) String currency,
      @Size(max = 100) String payee,
      @Size(max = 45) String clientIp) {}

  record CheckRequest(
      @NotBlank @Size(max = 20) String code,
      @Size(max = 20) String amount,
      @Size(max = 3) String currency,
      @Size(max = 100) String payee) {}

  record ResendRequest(
      @Pattern(regexp = "sms|voice", message = "must be sms or voice") String channel,
      Boolean newCode,
      @Size(max = 45) String clientIp) {}

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Start a verification", description = "Sends a code by SMS or voice. A pending verification"
      + " for the same number is superseded (canceled with reason superseded). `purpose: transaction` needs"
      + " `amount`, `currency` and `payee`, which the code is bound to. `clientIp` (the end user's address)"
      + " adds a per-IP rate limit.")
  VerificationResponse start(Tenant tenant, @Valid @RequestBody StartRequest body,
      @Parameter(description = "Same key and same body return the same verification; same key and another body: 422")
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 255) String idempotencyKey) {
    StartCommand command = new StartCommand(body.to(), body.channel(), body.locale(), body.codeLength(),
        body.ttlSeconds(), body.purpose(), body.externalRef(),
        TransactionDetails.of(body.amount(), body.currency(), body.payee()), blankToNull(body.clientIp()));
    return VerificationResponse.of(verifications.start(tenant, command, blankToNull(idempotencyKey)));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a verification and its delivery attempts")
  VerificationResponse get(Tenant tenant, @PathVariable String id) {
    return VerificationResponse.of(verifications.get(tenant, id));
  }

  @PostMapping(path = "/{id}/check", consumes = "application/json")
  @Operation(summary = "Check the code the customer typed",
      description = "Answers 200 whether the code is right or not; `reason` says why not. A `transaction`"
          + " verification is checked with the `amount` and `payee` it was started with (and optionally"
          + " `currency`); any difference is a `wrong_code`, without saying which part differs.")
  CheckResult check(Tenant tenant, @PathVariable String id, @Valid @RequestBody CheckRequest body) {
    return verifications.check(tenant, id, body.code().trim(), body.amount(), body.currency(), body.payee());
  }

  @PostMapping(path = "/{id}/resend")
  @Operation(summary = "Send the code again", description = "Optionally over another channel (`voice` after an"
      + " `sms.failed`), optionally with a new code.")
  VerificationResponse resend(Tenant tenant, @PathVariable String id,
      @Valid @RequestBody(required = false) ResendRequest body) {
    String channel = body == null ? null : body.channel();
    boolean newCode = body != null && Boolean.TRUE.equals(body.newCode());
    String clientIp = body == null ? null : blankToNull(body.clientIp());
    return VerificationResponse.of(verifications.resend(tenant, id, channel, newCode, clientIp));
  }

  @PostMapping(path = "/{id}/cancel")
  @Operation(summary = "Cancel a pending verification")
  VerificationResponse cancel(Tenant tenant, @PathVariable String id) {
    return VerificationResponse.of(verifications.cancel(tenant, id));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
