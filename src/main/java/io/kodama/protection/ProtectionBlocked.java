package io.kodama.protection;

import java.time.Instant;

/**
 * The SMS-pumping guard blocked a destination ({@code protection.blocked}). Published inside the
 * transaction that stored the block.
 *
 * @param blockId {@code blk_…}
 * @param scope {@code prefix} (an E.164 number without its last four digits) or {@code country}
 * @param destination the blocked prefix (e.g. {@code +81901234}) or country (e.g. {@code NG})
 * @param country the destination's country
 * @param sends verifications started towards the destination in the window
 * @param approvals of them, how many were approved
 * @param until when the block ends unless an operator lifts it earlier
 */
public record ProtectionBlocked(
    String blockId, String tenantId, String scope, String destination, String country, int sends, int approvals,
    Instant until, Instant at) {

  public static final String TYPE = "protection.blocked";
}
