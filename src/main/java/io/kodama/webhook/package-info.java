/**
 * Webhooks: the event catalogue and outbox ({@link io.kodama.webhook.WebhookEvents}), endpoints with
 * Standard Webhooks signing secrets ({@link io.kodama.webhook.WebhookEndpoints}), durable delivery
 * with retries, and SSRF protection on the address actually connected.
 */
package io.kodama.webhook;
