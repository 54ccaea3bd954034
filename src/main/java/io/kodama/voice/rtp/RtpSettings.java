package io.kodama.voice.rtp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * RTP settings.
 *
 * @param realtime {@code kodama.voice.rtp.realtime}: run the pacing thread on the Linux
 *     real-time scheduler (needs {@code CAP_SYS_NICE}, e.g. {@code --cap-add SYS_NICE} in a
 *     container); keeps the 20 ms spacing steady when the machine is busy. Default false.
 */
@ConfigurationProperties("kodama.voice.rtp")
public record RtpSettings(boolean realtime) {}
