package io.kodama.dispatch;

import java.util.Map;

/** Where channels report what happened to an attempt. Implemented by the dispatcher. */
public interface AttemptUpdates {

  /**
   * Records a new status for an attempt.
   *
   * @param attemptId the attempt
   * @param status an attempt status word from DESIGN.md (sms: {@code submitted}, {@code delivered},
   *     {@code undelivered}, {@code failed}; voice: {@code calling}, {@code answered}, {@code
   *     completed}, {@code busy}, …)
   * @param reason why, for failures (e.g. {@code UNDELIV:001}, {@code sip_486}); may be null
   * @param detail channel detail merged into the attempt's detail (smscMessageId, stat, err,
   *     segments, sipStatus, repetitionsPlayed, …); never the code
   */
  void record(String attemptId, String status, String reason, Map<String, Object> detail);
}
