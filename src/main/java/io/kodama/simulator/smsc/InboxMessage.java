package io.kodama.simulator.smsc;

import java.time.Instant;
import java.util.List;

/**
 * An SMS as the simulated handset shows it, after reassembly of its parts.
 *
 * @param to the handset, E.164
 * @param from the sender (source_addr)
 * @param text the decoded text
 * @param segments how many submit_sm carried it
 * @param dataCoding the data_coding of its parts
 * @param messageIds the ids the simulator answered, one per part
 */
public record InboxMessage(
    String to,
    String from,
    String text,
    int segments,
    int dataCoding,
    List<String> messageIds,
    Instant receivedAt) {

  public InboxMessage {
    messageIds = List.copyOf(messageIds);
  }
}
