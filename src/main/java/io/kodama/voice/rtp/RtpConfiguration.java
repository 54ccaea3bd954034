package io.kodama.voice.rtp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kodama's one {@link RtpPacer}, closed at shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RtpSettings.class)
class RtpConfiguration {

  @Bean(destroyMethod = "close")
  RtpPacer rtpPacer(RtpSettings settings) {
    return new RtpPacer("kodama-rtp", settings.realtime(), settings.maxCatchUp());
  }
}
