package io.kodama.dispatch;

import java.util.Map;
import java.util.Optional;

/**
 * One delivery of a code over one channel: what a {@link DeliveryChannel} needs to send it.
 *
 * @param attemptId the attempt this delivery reports on ({@code att_…})
 * @param verificationId the verification ({@code vrf_…})
 * @param tenantId the tenant that asked for it
 * @param to the destination in E.164 ({@code +819012345678}); never log it unmasked
 * @param code the code in clear; never log it
 * @param locale {@code ja} or {@code en}
 * @param brand the tenant's brand name shown or read to the customer (may be empty)
 * @param validityMinutes how long the code stays valid, rounded up to whole minutes
 * @param purpose {@code login}, {@code signup}, {@code transaction} or the client's own word
 * @param settings the tenant's channel settings, e.g. {@code sms.template.ja}, {@code
 *     sms.webotp-domain}, {@code sms.app-hash}, {@code voice.gate}, {@code voice.repetitions}, and for a
 *     payment the {@link Payment} under {@link #PAYMENT_AMOUNT}, {@link #PAYMENT_CURRENCY}, {@link #PAYMENT_PAYEE}
 */
public record DeliveryTask(
    String attemptId,
    String verificationId,
    String tenantId,
    String to,
    String code,
    String locale,
    String brand,
    int validityMinutes,
    String purpose,
    Map<String, String> settings) {

  public static final String PAYMENT_AMOUNT = "transaction.amount";
  public static final String PAYMENT_CURRENCY = "transaction.currency";
  public static final String PAYMENT_PAYEE = "transaction.payee";

  /** What a payment's code confirms ({@code purpose: transaction}), for the channel to show or read. */
  public record Payment(String amount, String currency, String payee) {}

  public DeliveryTask {
    settings = Map.copyOf(settings);
  }

  /** The payment this code confirms; empty unless all three of its settings are present. */
  public Optional<Payment> payment() {
    String amount = settings.get(PAYMENT_AMOUNT);
    String currency = settings.get(PAYMENT_CURRENCY);
    String payee = settings.get(PAYMENT_PAYEE);
    return amount == null || currency == null || payee == null
        ? Optional.empty() : Optional.of(new Payment(amount, currency, payee));
  }

  @Override
  public String toString() {
    return "DeliveryTask[attemptId=" + attemptId + ", verificationId=" + verificationId + "]";
  }
}
