package io.kodama.simulator.phone;

/**
 * An INVITE that reached the simulated phone, for tests and benchmarks that time what leads to a
 * call.
 *
 * @param callId the SIP Call-ID
 * @param number the dialled number (E.164)
 * @param receivedAtNanos {@link System#nanoTime()} when the phone was handed the INVITE (its SIP
 *     stack has parsed it and sent 100 Trying), before it rings or answers
 */
public record ReceivedInvite(String callId, String number, long receivedAtNanos) {}
