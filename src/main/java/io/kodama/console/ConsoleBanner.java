package io.kodama.console;

import java.io.PrintStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Prints the console's address and sign-in at start, to standard output (never to the log). The
 * password is printed only when it was derived from the server secret (the demo run), never a
 * configured one.
 */
@Component
final class ConsoleBanner {

  private final ConsoleProperties properties;
  private final ConsoleSecurity.OperatorPassword password;
  private final String baseUrl;
  private final boolean demo;

  ConsoleBanner(ConsoleProperties properties, ConsoleSecurity.OperatorPassword password,
      @Value("${kodama.public-url:http://localhost:${server.port:8080}}") String baseUrl,
      @Value("${kodama.demo.enabled:false}") boolean demo) {
    this.properties = properties;
    this.password = password;
    this.baseUrl = baseUrl;
    this.demo = demo;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  void ready() {
    PrintStream out = System.out;
    out.println("  Console: " + baseUrl + "/console"
        + (demo ? "   (demo phone: " + baseUrl + "/console/demo)" : ""));
    out.println("    Sign in       " + properties.username() + " / "
        + (password.derived() ? password.value() + "   (set kodama.console.password to choose one)"
            : "(the password in kodama.console.password)"));
    out.println();
  }
}
