package io.kodama.protection;

import java.time.Instant;

/**
 * Whether codes still reach a number.
 *
 * @param to the number, masked
 * @param status {@code reachable} or {@code unreachable}
 * @param smsFailures consecutive SMS that did not arrive
 * @param voiceFailures consecutive calls that were not answered
 * @param since when the status last changed; null when it never did
 */
public record NumberStatus(String to, String status, int smsFailures, int voiceFailures, Instant since) {}
