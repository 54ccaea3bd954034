package io.kodama.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdpTest {

  private static byte[] sdp(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void offerListsPcmuPcmaAndTelephoneEvent() {
    String offer = new String(Sdp.offer("127.0.0.1", 40000, 1, 1), StandardCharsets.US_ASCII);

    assertThat(offer)
        .contains("m=audio 40000 RTP/AVP 0 8 101\r\n")
        .contains("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000")
        .contains("c=IN IP4 127.0.0.1");
  }

  @Test
  void picksTheFirstG711CodecOfTheAnswerAndItsTelephoneEventType() {
    MediaDescription media = Sdp.firstG711(sdp("""
        v=0
        o=- 1 1 IN IP4 10.0.0.1
        s=-
        c=IN IP4 10.0.0.1
        t=0 0
        m=audio 30000 RTP/AVP 18 8 0 96
        a=rtpmap:18 G729/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:96 telephone-event/8000
        """)).orElseThrow();

    assertThat(media).isEqualTo(new MediaDescription("10.0.0.1", 30000, 8, "PCMA", 96));
  }

  @Test
  void mediaLevelAddressWinsOverSessionLevel() {
    MediaDescription media = Sdp.firstG711(sdp("""
        v=0
        c=IN IP4 10.0.0.1
        m=audio 30000 RTP/AVP 0
        c=IN IP4 10.0.0.2
        """)).orElseThrow();

    assertThat(media.host()).isEqualTo("10.0.0.2");
    assertThat(media.supportsTelephoneEvents()).isFalse();
  }

  @Test
  void rejectedOrCodeclessStreamsGiveNothing() {
    assertThat(Sdp.firstG711(sdp("v=0\nc=IN IP4 1.2.3.4\nm=audio 0 RTP/AVP 0\n"))).isEmpty();
    assertThat(Sdp.firstG711(sdp("v=0\nc=IN IP4 1.2.3.4\nm=audio 5000 RTP/AVP 18\n"))).isEmpty();
    assertThat(Sdp.firstG711(null)).isEmpty();
  }
}
