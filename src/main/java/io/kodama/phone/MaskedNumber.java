package io.kodama.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.kodama.system.RecentValues;

/** Phone numbers as they may appear in logs, errors and events: {@code +81 90-****-5678}. */
public final class MaskedNumber {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /**
   * Recently masked numbers: one verification masks its number for its log lines, its pumping row
   * and each of its events, and parsing with libphonenumber was 3.5 % of the server's CPU under
   * load.
   */
  private static final RecentValues<String, String> RECENT = new RecentValues<>(10_000);

  private MaskedNumber() {}

  /**
   * Masks every digit of an E.164 number except the country code, the first group and the last
   * four digits, keeping the national grouping.
   */
  public static String of(String e164) {
    if (e164 == null || e164.isBlank()) {
      return "";
    }
    return RECENT.get(e164, MaskedNumber::parseAndMask);
  }

  /** Masks a number just parsed, without parsing it again when it is masked next. */
  static void remember(String e164, Phonenumber.PhoneNumber parsed) {
    RECENT.get(e164, key -> mask(UTIL.format(parsed, PhoneNumberFormat.INTERNATIONAL)));
  }

  static String parseAndMask(String e164) {
    try {
      return mask(UTIL.format(UTIL.parse(e164, null), PhoneNumberFormat.INTERNATIONAL));
    } catch (NumberParseException e) {
      return mask(e164);
    }
  }

  private static String mask(String formatted) {
    int firstSeparator = indexOfGroupAfterCountryCode(formatted);
    int digitsSeen = 0;
    int totalDigits = (int) formatted.chars().filter(Character::isDigit).count();
    StringBuilder out = new StringBuilder(formatted.length());
    for (int i = 0; i < formatted.length(); i++) {
      char c = formatted.charAt(i);
      if (Character.isDigit(c)) {
        digitsSeen++;
        boolean keep = i < firstSeparator || digitsSeen > totalDigits - 4;
        out.append(keep ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Index just after the first national group ("+81 90-" → index of the character after '-'). */
  private static int indexOfGroupAfterCountryCode(String formatted) {
    int space = formatted.indexOf(' ');
    if (space < 0) {
      return Math.min(formatted.length(), 3);
    }
    for (int i = space + 1; i < formatted.length(); i++) {
      if (!Character.isDigit(formatted.charAt(i))) {
        return i;
      }
    }
    return space + 1;
  }
}
