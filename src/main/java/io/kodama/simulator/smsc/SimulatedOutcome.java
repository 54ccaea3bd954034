package io.kodama.simulator.smsc;

/**
 * What the simulator does with an SMS, chosen by the last three digits of the destination. Any
 * Japanese mobile number works, e.g. {@code +81 90-1234-5901}; numbers not ending in 901–910 are
 * delivered.
 */
public enum SimulatedOutcome {
  /** Default: accepted, then a DELIVRD receipt (err 000). */
  DELIVERED("DELIVRD", "000"),
  /** …901: UNDELIV receipt, err 001 (unknown subscriber). */
  UNDELIVERABLE("UNDELIV", "001"),
  /** …902: REJECTD receipt, err 013 (the subscriber bars or refuses SMS). */
  REJECTED("REJECTD", "013"),
  /** …903: EXPIRED receipt, err 027 (handset absent until the validity ran out). */
  EXPIRED("EXPIRED", "027"),
  /** …904: accepted, and no receipt ever comes. */
  NO_RECEIPT(null, null),
  /** …905: ESME_RTHROTTLED twice for each SMS, then accepted and delivered. */
  THROTTLED_TWICE("DELIVRD", "000"),
  /** …906: always ESME_RTHROTTLED. */
  THROTTLED(null, null),
  /** …907: submit_sm refused with ESME_RINVDSTADR. */
  INVALID_DESTINATION(null, null),
  /** …908: an ENROUTE intermediate notification, then DELIVRD. */
  ENROUTE_THEN_DELIVERED("DELIVRD", "000"),
  /** …909: the DELIVRD receipt is sent before the submit_sm_resp. */
  RECEIPT_BEFORE_RESPONSE("DELIVRD", "000"),
  /** …910: DELIVRD, with the id in hex in the receipt text and no TLVs (submit_sm_resp is decimal). */
  HEX_RECEIPT_ID("DELIVRD", "000");

  private final String stat;
  private final String err;

  SimulatedOutcome(String stat, String err) {
    this.stat = stat;
    this.err = err;
  }

  /** The receipt's stat word, or null when no receipt is sent. */
  public String stat() {
    return stat;
  }

  public String err() {
    return err;
  }

  /** The outcome for a destination number (E.164, with or without {@code +}). */
  public static SimulatedOutcome forNumber(String number) {
    String digits = number == null ? "" : number.replaceAll("\\D", "");
    if (digits.length() < 3) {
      return DELIVERED;
    }
    return switch (digits.substring(digits.length() - 3)) {
      case "901" -> UNDELIVERABLE;
      case "902" -> REJECTED;
      case "903" -> EXPIRED;
      case "904" -> NO_RECEIPT;
      case "905" -> THROTTLED_TWICE;
      case "906" -> THROTTLED;
      case "907" -> INVALID_DESTINATION;
      case "908" -> ENROUTE_THEN_DELIVERED;
      case "909" -> RECEIPT_BEFORE_RESPONSE;
      case "910" -> HEX_RECEIPT_ID;
      default -> DELIVERED;
    };
  }
}
