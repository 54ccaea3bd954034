package io.kodama.sms.smpp;

/** Where the SMPP client hands the delivery receipts it reads. */
@FunctionalInterface
public interface ReceiptSink {

  /**
   * Takes one receipt. Throwing makes the client answer the deliver_sm with a temporary error
   * (ESME_RX_T_APPN), so that the SMSC delivers the receipt again later.
   */
  void accept(Receipt receipt);
}
