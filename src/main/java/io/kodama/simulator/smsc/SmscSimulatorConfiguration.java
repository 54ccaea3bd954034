package io.kodama.simulator.smsc;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the SMSC simulator with the application when {@code kodama.simulators.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kodama.simulators.enabled", havingValue = "true", matchIfMissing = true)
class SmscSimulatorConfiguration {

  /** Kodama's SMPP client bean, which binds to this simulator in the default run. */
  static final String SMPP_CLIENT_BEAN = "smppClient";

  @Bean(initMethod = "start", destroyMethod = "close")
  SmscSimulator smscSimulator(SmscSimulatorProperties properties, ObjectProvider<Clock> clock) {
    return new SmscSimulator(properties.toSettings(), clock.getIfAvailable(Clock::systemDefaultZone));
  }

  /**
   * The simulator starts before Kodama's SMPP client and stops after it, as a real SMSC is there
   * before and after: otherwise, depending on the order the beans happen to be created in, the
   * simulator could close first and the client, still running, saw its session lost and tried to
   * bind again while the application stopped.
   */
  @Bean
  static BeanFactoryPostProcessor smscSimulatorOutlivesSmppClient() {
    return factory -> {
      if (factory.containsBeanDefinition(SMPP_CLIENT_BEAN)) {
        BeanDefinition client = factory.getBeanDefinition(SMPP_CLIENT_BEAN);
        String[] before = client.getDependsOn() == null ? new String[0] : client.getDependsOn();
        client.setDependsOn(Stream.concat(Arrays.stream(before), Stream.of("smscSimulator")).toArray(String[]::new));
      }
    };
  }
}
