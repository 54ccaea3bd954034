package io.kodama.voice;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds and checks {@code kodama.voice.*}; {@link SipVoiceChannel} is the channel bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoiceSettings.class)
class VoiceConfiguration {}
