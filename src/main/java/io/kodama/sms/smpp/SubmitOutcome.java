package io.kodama.sms.smpp;

import java.util.List;

/** What became of the submit_sm of all the parts of one SMS. */
public sealed interface SubmitOutcome {

  /** Every part was accepted; the ids are those of the submit_sm_resp, one per part. */
  record Accepted(List<String> messageIds) implements SubmitOutcome {
    public Accepted {
      messageIds = List.copyOf(messageIds);
    }
  }

  /**
   * Not sent: the claim made right before the first part would have been written said that the SMS
   * was handed to the SMSC before.
   */
  record HandedOverBefore() implements SubmitOutcome {}

  /** Nothing reached the SMSC (no bound session, or throttled on the first part): try later. */
  record NotSent(String reason) implements SubmitOutcome {}

  /**
   * The SMSC refused a part with a negative response; parts before it may have been accepted.
   *
   * @param reason the command status name, e.g. {@code ESME_RINVDSTADR}
   */
  record Rejected(String reason, List<String> messageIds) implements SubmitOutcome {
    public Rejected {
      messageIds = List.copyOf(messageIds);
    }
  }

  /**
   * A part may have reached the SMSC but its response never came (timeout, connection lost after
   * writing). It is not sent again: its receipt, or the receipt timeout, decides.
   *
   * @param messageIds the ids known (of the parts answered before)
   */
  record Unconfirmed(String reason, List<String> messageIds) implements SubmitOutcome {
    public Unconfirmed {
      messageIds = List.copyOf(messageIds);
    }
  }
}
