package io.kodama.sms.smpp;

import io.kodama.phone.MaskedNumber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads deliver_sm receipts into {@link Receipt}s for the sink; never lets one crash a session. */
final class ReceiptReader implements MessageReceiverListener {

  private static final Logger log = LoggerFactory.getLogger(ReceiptReader.class);

  static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;
  static final short TAG_MESSAGE_STATE = 0x0427;
  static final short TAG_MESSAGE_PAYLOAD = 0x0424;

  private static final int MESSAGE_TYPE_MASK = 0x3C;
  private static final int SMSC_DELIVERY_RECEIPT = 0x04;
  private static final int INTERMEDIATE_NOTIFICATION = 0x20;

  private final ReceiptSink sink;

  ReceiptReader(ReceiptSink sink) {
    this.sink = sink;
  }

  @Override
  public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
    Receipt receipt;
    try {
      receipt = read(deliverSm);
    } catch (RuntimeException e) {
      log.warn("Unreadable deliver_sm from {} ignored", MaskedNumber.of(plus(deliverSm.getSourceAddr())), e);
      return;
    }
    if (receipt == null) {
      log.info(
          "Mobile-originated message from {} ignored (Kodama only reads receipts)",
          MaskedNumber.of(plus(deliverSm.getSourceAddr())));
      return;
    }
    try {
      sink.accept(receipt);
    } catch (RuntimeException e) {
      log.warn("Receipt could not be stored; the SMSC is asked to deliver it again", e);
      throw new ProcessRequestException("receipt not stored", SMPPConstant.STAT_ESME_RX_T_APPN, e);
    }
  }

  /** The receipt of a deliver_sm, or null when it is not a receipt. */
  static Receipt read(DeliverSm d) {
    int type = d.getEsmClass() & MESSAGE_TYPE_MASK;
    String receiptedId = stringTlv(d.getOptionalParameter(TAG_RECEIPTED_MESSAGE_ID));
    boolean receipt =
        type == SMSC_DELIVERY_RECEIPT || type == INTERMEDIATE_NOTIFICATION || receiptedId != null;
    if (!receipt) {
      return null;
    }
    byte[] body = d.getShortMessage();
    if (body == null || body.length == 0) {
      byte[] payload = tlvValue(d.getOptionalParameter(TAG_MESSAGE_PAYLOAD));
      body = payload == null ? new byte[0] : payload;
    }
    String text =
        (d.getDataCoding() & 0xFF) == 0x08
            ? new String(body, StandardCharsets.UTF_16BE)
            : new String(body, StandardCharsets.ISO_8859_1);
    byte[] state = tlvValue(d.getOptionalParameter(TAG_MESSAGE_STATE));
    Integer messageState = state == null || state.length == 0 ? null : state[0] & 0xFF;
    return ReceiptText.parse(text, receiptedId, messageState, plus(d.getSourceAddr()));
  }

  private static String plus(String address) {
    if (address == null || address.isBlank()) {
      return null;
    }
    return address.startsWith("+") ? address : "+" + address;
  }

  private static String stringTlv(OptionalParameter p) {
    byte[] v = tlvValue(p);
    if (v == null) {
      return null;
    }
    int end = v.length;
    while (end > 0 && v[end - 1] == 0) {
      end--;
    }
    String s = new String(Arrays.copyOf(v, end), StandardCharsets.ISO_8859_1).trim();
    return s.isEmpty() ? null : s;
  }

  /** The raw value of a TLV, whatever class jSMPP decoded it into. */
  private static byte[] tlvValue(OptionalParameter p) {
    if (p == null) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(p.serialize());
    b.getShort(); // tag
    int length = b.getShort() & 0xFFFF;
    byte[] value = new byte[Math.min(length, b.remaining())];
    b.get(value);
    return value;
  }

  @Override
  public void onAcceptAlertNotification(AlertNotification alertNotification) {
    // nothing to do: Kodama does not wait for handsets to become reachable
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }
}
