package io.kodama;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Kodama: verification codes by SMS over SMPP, with voice calls over SIP as fallback. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KodamaApplication {

  public static void main(String[] args) {
    SpringApplication.run(KodamaApplication.class, args);
  }
}
