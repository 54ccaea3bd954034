package io.kodama.sms.smpp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of an SMSC delivery receipt ({@code id:… sub:… dlvrd:… submit date:… done
 * date:… stat:… err:… text:…}, SMPP 3.4 appendix B) leniently: fields may be missing, in another
 * case, in another order, with or without seconds in the dates. Unlike jSMPP's parser it never
 * throws; what it cannot read is null.
 */
public final class ReceiptText {

  private static final Pattern KEY =
      Pattern.compile(
          "(?i)(?:^|(?<=\\s))(id|sub|dlvrd|submit[ _]date|done[ _]date|stat|err|text)\\s*:");

  private ReceiptText() {}

  /** Parses a receipt text; {@code handset} and the TLV values are filled in by the caller. */
  public static Receipt parse(String text) {
    return parse(text, null, null, null);
  }

  /**
   * Parses a receipt text together with the deliver_sm's TLVs.
   *
   * @param receiptedMessageId the receipted_message_id TLV or null
   * @param messageState the message_state TLV or null
   * @param handset the deliver_sm source address or null
   */
  public static Receipt parse(
      String text, String receiptedMessageId, Integer messageState, String handset) {
    Map<String, String> fields = fields(text == null ? "" : text);
    String stat = Receipt.normaliseStat(fields.get("stat"));
    if (stat == null && messageState != null) {
      stat = Receipt.statOfMessageState(messageState);
    }
    return new Receipt(
        blankToNull(fields.get("id")),
        blankToNull(receiptedMessageId),
        stat,
        blankToNull(fields.get("err")),
        integer(fields.get("sub")),
        integer(fields.get("dlvrd")),
        blankToNull(fields.get("submit date")),
        blankToNull(fields.get("done date")),
        blankToNull(handset));
  }

  static Map<String, String> fields(String text) {
    Map<String, String> out = new HashMap<>();
    Matcher m = KEY.matcher(text);
    String key = null;
    int valueStart = -1;
    while (m.find()) {
      if (key != null) {
        out.putIfAbsent(key, text.substring(valueStart, m.start()).trim());
      }
      key = m.group(1).toLowerCase(Locale.ROOT).replace('_', ' ');
      valueStart = m.end();
      if (key.equals("text")) {
        break; // the text runs to the end and may contain anything
      }
    }
    if (key != null) {
      String rest = text.substring(valueStart);
      out.putIfAbsent(key, key.equals("text") ? rest : rest.trim());
    }
    // values are single tokens except the text; keep only the first token
    out.replaceAll((k, v) -> k.equals("text") || k.endsWith("date") ? v : firstToken(v));
    return out;
  }

  private static String firstToken(String v) {
    int space = v.indexOf(' ');
    return space < 0 ? v : v.substring(0, space);
  }

  private static Integer integer(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
