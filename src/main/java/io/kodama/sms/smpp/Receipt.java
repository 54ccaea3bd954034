package io.kodama.sms.smpp;

import java.util.Locale;
import java.util.Optional;

/**
 * A delivery receipt as read from a deliver_sm, from its text and its TLVs. Never holds the
 * message text (it may contain the code).
 *
 * @param textId the {@code id:} of the receipt text, or null
 * @param receiptedMessageId the receipted_message_id TLV, or null
 * @param stat the final or intermediate state word ({@code DELIVRD}, {@code UNDELIV}, …), from the
 *     text or else from the message_state TLV; null when neither says it
 * @param err the {@code err:} code of the text, or null
 * @param submitted the {@code sub:} count, or null
 * @param delivered the {@code dlvrd:} count, or null
 * @param submitDate the raw {@code submit date:} value, or null
 * @param doneDate the raw {@code done date:} value, or null
 * @param handset the deliver_sm source address (the handset the SMS was for), or null
 */
public record Receipt(
    String textId,
    String receiptedMessageId,
    String stat,
    String err,
    Integer submitted,
    Integer delivered,
    String submitDate,
    String doneDate,
    String handset) {

  /** The receipt's message id: the TLV when present (it has the submit_sm_resp form), else the text. */
  public Optional<String> messageId() {
    if (receiptedMessageId != null && !receiptedMessageId.isBlank()) {
      return Optional.of(receiptedMessageId.trim());
    }
    return Optional.ofNullable(textId).filter(s -> !s.isBlank()).map(String::trim);
  }

  /** Whether this receipt ends the delivery (not ACCEPTD/ENROUTE, and a state is known). */
  public boolean isFinal() {
    return stat != null && !isIntermediate();
  }

  public boolean isIntermediate() {
    return "ACCEPTD".equals(stat) || "ENROUTE".equals(stat);
  }

  public boolean isDelivered() {
    return "DELIVRD".equals(stat);
  }

  /** The reason word of a failed delivery, e.g. {@code UNDELIV:001}. */
  public String reason() {
    return err == null || err.isBlank() ? stat : stat + ":" + err;
  }

  /** The receipt stat word for an SMPP message_state TLV value (SMPP 3.4 §5.2.28). */
  public static String statOfMessageState(int state) {
    return switch (state) {
      case 1 -> "ENROUTE";
      case 2 -> "DELIVRD";
      case 3 -> "EXPIRED";
      case 4 -> "DELETED";
      case 5 -> "UNDELIV";
      case 6 -> "ACCEPTD";
      case 7 -> "UNKNOWN";
      case 8 -> "REJECTD";
      default -> null;
    };
  }

  static String normaliseStat(String stat) {
    if (stat == null || stat.isBlank()) {
      return null;
    }
    String s = stat.trim().toUpperCase(Locale.ROOT);
    return switch (s) {
      case "DELIVERED" -> "DELIVRD";
      case "UNDELIVERABLE" -> "UNDELIV";
      case "REJECTED" -> "REJECTD";
      case "ACCEPTED" -> "ACCEPTD";
      default -> s;
    };
  }
}
