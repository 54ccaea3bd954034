package io.kodama.voice.rtp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kodama's one {@link RtpPacer}, closed at shutdown. */
@Configuration(proxyBeanMethods = false)
class RtpConfiguration {

  @Bean(destroyMethod = "close")
  RtpPacer rtpPacer() {
    return new RtpPacer("kodama-rtp");
  }
}
