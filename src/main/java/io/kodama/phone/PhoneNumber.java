package io.kodama.phone;

/**
 * A parsed, valid phone number.
 *
 * @param e164 e.g. {@code +819012345678}
 * @param region ISO 3166 alpha-2 of the number, e.g. {@code JP}
 */
public record PhoneNumber(String e164, String region, LineType lineType) {

  public String masked() {
    return MaskedNumber.of(e164);
  }

  @Override
  public String toString() {
    return masked();
  }
}
