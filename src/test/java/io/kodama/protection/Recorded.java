package io.kodama.protection;

import io.kodama.support.Api;
import io.kodama.support.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/** Test helpers of the protection tests: events published meanwhile, numbers of one range, waiting. */
final class Recorded implements ApplicationListener<ApplicationEvent>, AutoCloseable {

  private final List<Object> events = new CopyOnWriteArrayList<>();
  private final ConfigurableApplicationContext context;

  private Recorded(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Records the events published from now until closed (the shared context stays as it is). */
  static Recorded events(ConfigurableApplicationContext context) {
    Recorded recorded = new Recorded(context);
    context.addApplicationListener(recorded);
    return recorded;
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof PayloadApplicationEvent<?> payload) {
      events.add(payload.getPayload());
    }
  }

  <T> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    context.removeApplicationListener(this);
  }

  /** A number of the same 10,000-number range (same prefix) as {@code base}, ending in {@code last4}. */
  static String sameRange(String base, int last4) {
    return base.substring(0, base.length() - 4) + String.format("%04d", last4);
  }

  /** Reads a verification until {@code done} holds (deliveries run as background jobs). */
  static JsonNode awaitVerification(Api api, String id, Predicate<JsonNode> done) {
    return Await.until("verification " + id, Duration.ofSeconds(20),
        () -> api.get("/v1/verifications/" + id).json(), done);
  }

  /** Whether every attempt has a final status and there are at least {@code count}. */
  static Predicate<JsonNode> attemptsFinal(int count) {
    return body -> {
      JsonNode attempts = body.get("attempts");
      if (attempts.size() < count) {
        return false;
      }
      for (JsonNode attempt : attempts) {
        if (List.of("queued", "submitted", "calling", "answered").contains(attempt.get("status").asString())) {
          return false;
        }
      }
      return true;
    };
  }
}
