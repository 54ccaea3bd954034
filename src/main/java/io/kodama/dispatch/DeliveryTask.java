package io.kodama.dispatch;

import java.util.Map;

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
 *     sms.webotp-domain}, {@code sms.app-hash}, {@code voice.gate}, {@code voice.repetitions}
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

  public DeliveryTask {
    settings = Map.copyOf(settings);
  }

  @Override
  public String toString() {
    return "DeliveryTask[attemptId=" + attemptId + ", verificationId=" + verificationId + "]";
  }
}
