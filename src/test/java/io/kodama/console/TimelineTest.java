package io.kodama.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.Attempt;
import io.kodama.dispatch.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

  private static ConsoleQueries.Row row(String status) {
    return new ConsoleQueries.Row("vrf_1", "ten_1", "+81 90-****-5901", "mobile", "auto", "ja", "login", null, status,
        null, 1, 1, T0, T0.plusSeconds(40), T0.plusSeconds(300));
  }

  @Test
  void showsAFailedCallAfterAnUndeliveredSmsAsAFallbackEvenWhenTheCallReplacedItsReason() {
    Attempt sms = new Attempt("att_1", "vrf_1", Channel.SMS, "undelivered", "UNDELIV:001",
        Map.of("stat", "UNDELIV", "err", "001"), T0.plusMillis(10), T0.plusMillis(400));
    Attempt call = new Attempt("att_2", "vrf_1", Channel.VOICE, "busy", "sip_486", Map.of("sipStatus", 486),
        T0.plusMillis(420), T0.plusSeconds(5));

    List<Timeline.Step> steps = Timeline.of(row("pending"), List.of(sms, call), List.of());

    assertThat(steps).extracting(Timeline.Step::kind, Timeline.Step::channel, Timeline.Step::status,
            Timeline.Step::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("created", null, "pending", null),
            org.assertj.core.groups.Tuple.tuple("attempt", "sms", "queued", null),
            org.assertj.core.groups.Tuple.tuple("outcome", "sms", "undelivered", "UNDELIV:001"),
            org.assertj.core.groups.Tuple.tuple("attempt", "voice", "queued", "sms_undelivered"),
            org.assertj.core.groups.Tuple.tuple("outcome", "voice", "busy", "sip_486"));
    assertThat(steps.get(4).tone()).isEqualTo("bad");
  }

  @Test
  void keepsTheStartReasonOfACompletedCallAndClosesWithTheVerification() {
    Attempt call = new Attempt("att_2", "vrf_1", Channel.VOICE, "completed", "sms_no_receipt",
        Map.of("sipStatus", 200, "test", true), T0.plusSeconds(30), T0.plusSeconds(38));

    List<Timeline.Step> steps = Timeline.of(row("approved"), List.of(call), List.of());

    assertThat(steps.get(1).reason()).isEqualTo("sms_no_receipt");
    assertThat(steps.get(2).reason()).isNull();
    assertThat(steps.get(2).detail()).containsOnlyKeys("sipStatus");
    assertThat(steps.get(3)).extracting(Timeline.Step::kind, Timeline.Step::status, Timeline.Step::tone)
        .containsExactly("closed", "approved", "ok");
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 3.0, 2.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(ConsoleQueries.percentile(values, 0.5)).isEqualTo(5.0);
    assertThat(ConsoleQueries.percentile(values, 0.95)).isEqualTo(10.0);
    assertThat(ConsoleQueries.percentile(List.of(), 0.5)).isNull();
  }
}
