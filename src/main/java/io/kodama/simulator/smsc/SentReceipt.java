package io.kodama.simulator.smsc;

/**
 * A delivery receipt (deliver_sm) the simulator sent, for tests and benchmarks that time what
 * follows a receipt.
 *
 * @param to the handset the SMS was for, E.164
 * @param messageId the id the simulator gave the SMS in its submit_sm_resp
 * @param stat the receipt's {@code stat:} ({@code DELIVRD}, {@code UNDELIV}, {@code ENROUTE}, …)
 * @param sentAtNanos {@link System#nanoTime()} just before the deliver_sm was written to the
 *     session that took it
 */
public record SentReceipt(String to, String messageId, String stat, long sentAtNanos) {}
