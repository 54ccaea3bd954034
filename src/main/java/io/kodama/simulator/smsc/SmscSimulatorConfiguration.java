package io.kodama.simulator.smsc;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the SMSC simulator with the application when {@code kodama.simulators.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kodama.simulators.enabled", havingValue = "true", matchIfMissing = true)
class SmscSimulatorConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  SmscSimulator smscSimulator(SmscSimulatorProperties properties, ObjectProvider<Clock> clock) {
    return new SmscSimulator(properties.toSettings(), clock.getIfAvailable(Clock::systemDefaultZone));
  }
}
