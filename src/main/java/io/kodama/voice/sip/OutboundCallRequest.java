package io.kodama.voice.sip;

import java.time.Duration;

/**
 * A call to place.
 *
 * @param number the callee, E.164 ({@code +81312345678}); becomes the user part of the URI
 * @param callerId the caller's user part (a number or a name)
 * @param rtpHost our RTP address offered in SDP
 * @param rtpPort our RTP port offered in SDP
 * @param ringTimeout how long to ring before CANCEL
 */
public record OutboundCallRequest(
    String number, String callerId, String rtpHost, int rtpPort, Duration ringTimeout) {}
