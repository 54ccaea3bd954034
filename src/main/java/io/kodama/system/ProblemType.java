package io.kodama.system;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every client error Kodama answers, with its stable {@code type} URI. The list is part of the API:
 * entries are added, never renamed. README.md documents each.
 */
public enum ProblemType {
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "The request is not valid"),
  MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "The request body is not valid JSON"),
  UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "The request has a field Kodama does not know"),
  BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Missing or invalid API key"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  INVALID_NUMBER("invalid-number", HttpStatus.BAD_REQUEST, "The phone number is not valid"),
  NUMBER_TYPE_REFUSED("number-type-refused", HttpStatus.UNPROCESSABLE_CONTENT, "Kodama does not send codes to this type of number"),
  IDEMPOTENCY_CONFLICT("idempotency-conflict", HttpStatus.UNPROCESSABLE_CONTENT, "The Idempotency-Key was used with a different request"),
  NOT_PENDING("not-pending", HttpStatus.CONFLICT, "The verification is no longer pending"),
  SEND_LIMIT_REACHED("send-limit-reached", HttpStatus.CONFLICT, "The verification has reached its maximum number of sends"),
  RESEND_COOLDOWN("resend-cooldown", HttpStatus.TOO_MANY_REQUESTS, "Too soon to resend"),
  NUMBER_LOCKED("number-locked", HttpStatus.TOO_MANY_REQUESTS, "Too many wrong codes for this number"),
  CHANNEL_UNAVAILABLE("channel-unavailable", HttpStatus.UNPROCESSABLE_CONTENT, "The channel is not configured"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many sends; the limit is named in 'limit'"),
  COUNTRY_NOT_ALLOWED("country-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "The tenant does not send to this country on this channel"),
  DESTINATION_BLOCKED("destination-blocked", HttpStatus.UNPROCESSABLE_CONTENT, "Sends to this destination are paused after unusual traffic"),
  SPEND_CAP_REACHED("spend-cap-reached", HttpStatus.TOO_MANY_REQUESTS, "The tenant's daily cap for this channel is reached"),
  PHONE_ALREADY_BOUND("phone-already-bound", HttpStatus.CONFLICT, "The number is bound to another member"),
  WEBHOOK_URL_REFUSED("webhook-url-refused", HttpStatus.UNPROCESSABLE_CONTENT,
      "Kodama does not send webhooks to this address"),
  WEBHOOK_ENDPOINT_DISABLED("webhook-endpoint-disabled", HttpStatus.CONFLICT, "The webhook endpoint is disabled"),
  CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
  BUSY("busy", HttpStatus.SERVICE_UNAVAILABLE, "Kodama is too busy to take the request now"),
  DATABASE_UNAVAILABLE("database-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Kodama cannot reach its database now");

  private static final String BASE = "https://kodama.dev/problems/";

  private final String slug;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  public String slug() {
    return slug;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
