package io.kodama.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the simulators of a test context free loopback ports, chosen once, so the simulators and
 * the clients that connect to them read the same port, and test runs never collide.
 */
public final class FreePorts implements EnvironmentPostProcessor {

  static final List<String> PORT_PROPERTIES = List.of("kodama.simulators.smsc.port");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> ports = new LinkedHashMap<>();
    for (String property : PORT_PROPERTIES) {
      if (!environment.containsProperty(property)) {
        ports.put(property, free());
      }
    }
    environment.getPropertySources().addFirst(new MapPropertySource("kodama-test-free-ports", ports));
  }

  /** A loopback port free now. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
