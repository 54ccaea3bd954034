package io.kodama.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests to the running application. */
public final class Api {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final String token;

  /** Sends {@code count} requests at once and returns every answer, in the order they were sent. */
  public static List<Response> parallel(int count, Callable<Response> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : pool.invokeAll(Collections.nCopies(count, request))) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdown();
    }
  }

  public Api(int port, String token) {
    this.base = "http://localhost:" + port;
    this.token = token;
  }

  public Api as(String otherToken) {
    return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
  }

  public record Response(int status, HttpResponse<String> raw) {
    Response withStatus() {
      return new Response(raw.statusCode(), raw);
    }

    public JsonNode json() {
      return JSON.readTree(raw.body());
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public Response get(String path) {
    return send(builder(path).GET().build());
  }

  public Response post(String path, Object body) {
    return post(path, body, Map.of());
  }

  public Response post(String path, Object body, Map<String, String> headers) {
    String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest.Builder builder = builder(path).POST(HttpRequest.BodyPublishers.ofString(text));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    headers.forEach(builder::header);
    return send(builder.build());
  }

  public Response patch(String path, Object body) {
    return send(builder(path).method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .header("Content-Type", "application/json").build());
  }

  public Response delete(String path) {
    return send(builder(path).DELETE().build());
  }

  public Response send(HttpRequest request) {
    try {
      return new Response(0, HTTP.send(request, HttpResponse.BodyHandlers.ofString())).withStatus();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder builder(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  /** Polls a verification until its attempts match, and returns them. */
  public JsonNode awaitAttempts(String verificationId, java.util.function.Predicate<JsonNode> condition) {
    return awaitAttempts(verificationId, Duration.ofSeconds(20), condition);
  }

  /** The same, for steps that take longer, such as a whole phone call. */
  public JsonNode awaitAttempts(String verificationId, Duration timeout, java.util.function.Predicate<JsonNode> condition) {
    return Await.until("the attempts of " + verificationId, timeout,
        () -> get("/v1/verifications/" + verificationId).json().get("attempts"), condition);
  }

  public String base() {
    return base;
  }
}
