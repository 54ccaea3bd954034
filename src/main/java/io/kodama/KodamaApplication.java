package io.kodama;

import io.kodama.tenant.AdminCli;
import io.kodama.tenant.Tenants;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Kodama: verification codes by SMS over SMPP, with voice calls over SIP as fallback. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KodamaApplication {

  private static final Set<String> CLI_COMMANDS = Set.of("tenant", "key");

  public static void main(String[] args) {
    if (args.length > 0 && CLI_COMMANDS.contains(args[0])) {
      System.exit(runCli(args));
    }
    SpringApplication.run(KodamaApplication.class, args);
  }

  /** Runs an admin command against the configured database, without the server or simulators. */
  static int runCli(String[] args) {
    SpringApplication app = new SpringApplication(KodamaApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setLogStartupInfo(false);
    String[] overrides = {
        "--kodama.demo.enabled=false",
        "--kodama.simulators.enabled=false",
        "--db-scheduler.enabled=false",
        "--spring.main.banner-mode=off",
        "--logging.level.root=warn"};
    try (ConfigurableApplicationContext context = app.run(overrides)) {
      return new AdminCli(context.getBean(Tenants.class)).run(args, System.out, System.err);
    }
  }
}
