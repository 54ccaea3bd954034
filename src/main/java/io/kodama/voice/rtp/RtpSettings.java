package io.kodama.voice.rtp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * RTP settings.
 *
 * @param realtime {@code kodama.voice.rtp.realtime}: run the pacing thread on the Linux
 *     real-time scheduler (needs {@code CAP_SYS_NICE}, e.g. {@code --cap-add SYS_NICE} in a
 *     container); keeps the 20 ms spacing steady when the machine is busy. Default false.
 * @param maxCatchUp {@code kodama.voice.rtp.max-catch-up}: how far a call's audio may fall
 *     behind (the pacing thread starved or paused) and still be sent late in a burst; beyond it
 *     the stream jumps ahead by the lost time (the listener hears a pause) instead of sending a
 *     burst that a phone's jitter buffer would drop. Default 200ms.
 */
@ConfigurationProperties("kodama.voice.rtp")
public record RtpSettings(boolean realtime, @DefaultValue("200ms") Duration maxCatchUp) {}
