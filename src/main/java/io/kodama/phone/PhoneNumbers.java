package io.kodama.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import java.text.Normalizer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Parses what clients send (E.164, or national format in the tenant's region, with full-width
 * digits, spaces, hyphens and brackets) into a valid {@link PhoneNumber} with its line type.
 */
@Component
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-‐‑‒–—―ー−().]");
  private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]+");
  private static final Pattern JAPANESE_060 = Pattern.compile("60\\d{8}");

  /**
   * @throws ApiException {@code invalid-number} when the input is not a valid, dialable number
   */
  public PhoneNumber parse(String input, String defaultRegion) {
    if (input == null || input.isBlank()) {
      throw new ApiException(ProblemType.INVALID_NUMBER, "'to' is missing").with("field", "to");
    }
    String cleaned = SEPARATORS.matcher(Normalizer.normalize(input, Normalizer.Form.NFKC)).replaceAll("");
    if (cleaned.length() > 20 || !DIGITS.matcher(cleaned).matches()) {
      throw new ApiException(ProblemType.INVALID_NUMBER,
          "'to' must be a phone number in E.164 (+819012345678) or national format (090-1234-5678)").with("field", "to");
    }
    Phonenumber.PhoneNumber parsed;
    try {
      parsed = UTIL.parse(cleaned, defaultRegion);
    } catch (NumberParseException e) {
      throw new ApiException(ProblemType.INVALID_NUMBER, "'to' is not a phone number: " + e.getErrorType().name().toLowerCase())
          .with("field", "to");
    }
    PhoneNumber number;
    if (isJapanese060(parsed)) {
      number = new PhoneNumber(UTIL.format(parsed, PhoneNumberFormat.E164), "JP", LineType.MOBILE);
    } else if (!UTIL.isValidNumber(parsed)) {
      throw new ApiException(ProblemType.INVALID_NUMBER, "'to' is not a valid number in its country").with("field", "to");
    } else {
      String region = UTIL.getRegionCodeForNumber(parsed);
      number = new PhoneNumber(UTIL.format(parsed, PhoneNumberFormat.E164), region == null ? "001" : region,
          lineType(UTIL.getNumberType(parsed)));
    }
    MaskedNumber.remember(number.e164(), parsed); // masked next, in the response, events and logs
    return number;
  }

  /**
   * Japan opened 060-xxxx-xxxx to mobile phones as 090/080/070 ran out; libphonenumber (9.0.25)
   * does not know the range yet and calls it invalid.
   */
  private static boolean isJapanese060(Phonenumber.PhoneNumber number) {
    return number.getCountryCode() == 81 && JAPANESE_060.matcher(String.valueOf(number.getNationalNumber())).matches();
  }

  static LineType lineType(PhoneNumberType type) {
    return switch (type) {
      case MOBILE -> LineType.MOBILE;
      case FIXED_LINE -> LineType.FIXED_LINE;
      case VOIP -> LineType.VOIP;
      case TOLL_FREE -> LineType.TOLL_FREE;
      case PREMIUM_RATE -> LineType.PREMIUM_RATE;
      // Japan's 0570 (navi dial) comes back as UAN: the caller pays, like shared cost
      case SHARED_COST, UAN -> LineType.SHARED_COST;
      // Japan's 020: pagers in the past, machine-to-machine SIMs today
      case PAGER -> LineType.M2M;
      // FIXED_LINE_OR_MOBILE (e.g. US), PERSONAL_NUMBER, VOICEMAIL: SMS first, voice as fallback
      default -> LineType.UNKNOWN;
    };
  }
}
