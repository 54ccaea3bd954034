package io.kodama.support;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.DeliveryChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfig {

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock();
  }

  @Bean
  TestChannels testChannels(AttemptUpdates updates, ObjectProvider<DeliveryChannel> allChannels) {
    return new TestChannels(updates, allChannels);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  DeliveryChannel testSmsChannel(TestChannels channels) {
    return channels.channel(Channel.SMS);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  DeliveryChannel testVoiceChannel(TestChannels channels) {
    return channels.channel(Channel.VOICE);
  }
}
