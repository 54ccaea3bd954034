package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTypesTest {

  @ParameterizedTest(name = "{0} {1} ({2}) → {3}")
  @CsvSource(nullValues = "null", value = {
      "SMS, queued, null, null",
      "SMS, submitted, null, sms.submitted",
      "SMS, delivered, null, sms.delivered",
      "SMS, undelivered, UNDELIV:001, sms.failed",
      "SMS, failed, channel_error, sms.failed",
      "VOICE, queued, null, null",
      "VOICE, queued, client_resend, null",
      "VOICE, queued, sms_undelivered, fallback.started",
      "VOICE, queued, sms_no_receipt, fallback.started",
      "SMS, queued, sms_undelivered, null",
      "VOICE, calling, sms_undelivered, voice.calling",
      "VOICE, answered, null, voice.answered",
      "VOICE, completed, null, voice.completed",
      "VOICE, busy, sip_486, voice.failed",
      "VOICE, no_answer, null, voice.failed",
      "VOICE, rejected, null, voice.failed",
      "VOICE, hung_up_early, null, voice.failed",
      "VOICE, no_input, null, voice.failed",
      "VOICE, invalid_number, null, voice.failed",
      "VOICE, failed, null, voice.failed"})
  void mapsAttemptChangesToEventTypes(Channel channel, String status, String reason, String expected) {
    assertThat(EventTypes.forAttempt(channel, status, reason)).isEqualTo(expected);
  }
}
