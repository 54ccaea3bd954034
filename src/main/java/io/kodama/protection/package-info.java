/**
 * Abuse and cost protection, and the customer use cases built on it: rate limits (Bucket4j),
 * country allow-lists, the SMS-pumping guard and its blocks, daily spend caps, one member per phone
 * (phone bindings) and stale numbers. The verification module calls {@link
 * io.kodama.protection.Protection} before every send and when a verification is approved.
 */
package io.kodama.protection;
