package io.kodama.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client error answered as {@code application/problem+json}. Never carries a secret. */
public class ApiException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private Duration retryAfter;

  public ApiException(ProblemType type, String detail) {
    super(detail, null, false, false);
    this.type = type;
  }

  public ApiException with(String property, Object value) {
    properties.put(property, value);
    return this;
  }

  public ApiException retryAfter(Duration duration) {
    this.retryAfter = duration;
    return this;
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(ProblemType.NOT_FOUND, "No " + what + " with id " + id);
  }
}
