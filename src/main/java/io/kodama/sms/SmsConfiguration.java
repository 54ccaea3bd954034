package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.sms.smpp.SmppClient;
import io.kodama.system.SettingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS module's beans. Without {@code kodama.sms.connections}, and with the simulators on
 * (the default), the client binds to the in-process SMSC simulator ({@code
 * kodama.simulators.smsc.port}, {@code .system-id}, {@code .password}).
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

  @Bean
  SmsMessageStore smsMessageStore(DataSource dataSource) {
    return new SmsMessageStore(dataSource);
  }

  @Bean
  DeliveryReceipts smsDeliveryReceipts(
      SmsMessageStore store,
      AttemptUpdates updates,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock,
      ObjectProvider<MeterRegistry> meters) {
    return new DeliveryReceipts(
        store,
        updates,
        new TransactionTemplate(transactions),
        clock.getIfAvailable(Clock::systemUTC),
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  /** Named {@code smppClient}: the SMSC simulator, when on, orders its start and stop around it by that name. */
  @Bean(initMethod = "start", destroyMethod = "close")
  SmppClient smppClient(SmsProperties properties, DeliveryReceipts receipts, Environment env) {
    return new SmppClient(connections(properties, env), receipts);
  }

  @Bean
  ReceiptTimeouts smsReceiptTimeouts(
      SmsMessageStore store,
      DeliveryReceipts receipts,
      AttemptUpdates updates,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock,
      SmsProperties properties) {
    return new ReceiptTimeouts(
        store,
        receipts,
        updates,
        new TransactionTemplate(transactions),
        clock.getIfAvailable(Clock::systemUTC),
        properties.sweepInterval());
  }

  @Bean
  SmppSmsChannel smppSmsChannel(
      SmppClient client,
      SmsMessageStore store,
      DeliveryReceipts receipts,
      AttemptUpdates updates,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock,
      SmsProperties properties) {
    return new SmppSmsChannel(
        client, store, receipts, updates, new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC),
        properties);
  }

  static List<SmsProperties.Connection> connections(SmsProperties properties, Environment env) {
    if (!properties.connections().isEmpty()) {
      return properties.connections();
    }
    boolean simulators = env.getProperty("kodama.simulators.enabled", Boolean.class, true);
    if (!simulators) {
      throw new SettingException("kodama.sms.connections",
          "no SMPP connection is configured, and the SMSC simulator is off (kodama.simulators.enabled=false).",
          "Set kodama.sms.connections[0].host, .port, .system-id and .password to your SMSC (README, \"SMS\"),"
              + " or turn the simulators on for a demo.");
    }
    return List.of(
        SmsProperties.Connection.of(
            "127.0.0.1",
            env.getProperty("kodama.simulators.smsc.port", Integer.class, 2775),
            env.getProperty("kodama.simulators.smsc.system-id", "kodama"),
            env.getProperty("kodama.simulators.smsc.password", "kodama")));
  }
}
