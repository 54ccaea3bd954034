package io.kodama.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of the HTTP API into {@code application/problem+json} (RFC 9457) with a stable
 * {@code type}. Unexpected errors answer a generic 500 without details; they are logged with their
 * stack trace, and nothing from the request body is echoed back.
 */
@RestControllerAdvice
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
    ProblemDetail body = problem(e.type(), e.getMessage(), request);
    e.properties().forEach(body::setProperty);
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.type().status());
    if (e.retryAfter() != null) {
      long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
      builder.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      body.setProperty("retryAfterSeconds", seconds);
    }
    if (e.type() == ProblemType.UNAUTHORIZED) {
      builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kodama\"");
    }
    return builder.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
    }
    e.getBindingResult().getGlobalErrors()
        .forEach(error -> errors.add(Map.of("field", "", "message", String.valueOf(error.getDefaultMessage()))));
    String detail = errors.isEmpty() ? "The request is not valid" : errors.get(0).get("field") + ": " + errors.get(0).get("message");
    return respond(ProblemType.VALIDATION, detail, request, Map.of("errors", errors));
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
    return respond(ProblemType.VALIDATION, "A parameter is not valid", request, Map.of());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    if (request.getAttribute(LimitedRequest.TOO_LARGE) != null) {
      return respond(ProblemType.BODY_TOO_LARGE,
          "The body must be at most " + RequestLimitsFilter.MAX_BODY_BYTES + " bytes", request, Map.of());
    }
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return respond(ProblemType.UNKNOWN_FIELD, "Unknown field '" + unknown.getPropertyName() + "'", request,
          Map.of("field", unknown.getPropertyName()));
    }
    if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
      String path = cause instanceof MismatchedInputException m ? fieldPath(m) : "";
      String detail = path.isEmpty() ? "A field has the wrong type" : "Field '" + path + "' has the wrong type";
      return respond(ProblemType.VALIDATION, detail, request, path.isEmpty() ? Map.of() : Map.of("field", path));
    }
    if (cause instanceof JacksonException) {
      return respond(ProblemType.MALFORMED_JSON, "The body is not valid JSON", request, Map.of());
    }
    return respond(ProblemType.MALFORMED_JSON, "The request body is missing or unreadable", request, Map.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return respond(ProblemType.VALIDATION, "Parameter '" + e.getName() + "' has the wrong type", request, Map.of());
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class})
  ResponseEntity<ProblemDetail> missing(Exception e, HttpServletRequest request) {
    return respond(ProblemType.VALIDATION, e.getMessage(), request, Map.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", request, Map.of());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Kodama answers application/json", request, Map.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return respond(ProblemType.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here", request, Map.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
    return respond(ProblemType.NOT_FOUND, "No such resource", request, Map.of());
  }

  /**
   * The database could not serve the request: every connection stayed taken for the pool's whole
   * wait (more requests than the server can carry: {@code busy}), or the database cannot be reached
   * or dropped the connection (stopped, restarting, network: {@code database-unavailable}). Either
   * way the client may try again, with the same {@code Idempotency-Key} should the request have got
   * through before the failure.
   */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
      CannotCreateTransactionException.class})
  ResponseEntity<ProblemDetail> database(Exception e, HttpServletRequest request) {
    boolean busy = !unreachable(e) && causes(e).anyMatch(SQLTransientConnectionException.class::isInstance);
    log.warn("{} {} refused with 503: {} ({})", request.getMethod(), request.getRequestURI(),
        busy ? "no database connection came free in time" : "the database cannot be reached",
        NestedExceptionUtils.getMostSpecificCause(e).getMessage());
    ApiException problem = busy
        ? new ApiException(ProblemType.BUSY, "Every database connection is in use; try again in a moment")
            .retryAfter(Duration.ofSeconds(1))
        : new ApiException(ProblemType.DATABASE_UNAVAILABLE, "Kodama cannot reach its database; try again in a"
            + " moment").retryAfter(Duration.ofSeconds(5));
    return api(problem, request);
  }

  /** A connection could not be made or was lost: SQLSTATE class 08, or the network refused. */
  private static boolean unreachable(Throwable e) {
    return causes(e).anyMatch(c -> c instanceof ConnectException
        || c instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
  }

  private static Stream<Throwable> causes(Throwable e) {
    return Stream.iterate(e, Objects::nonNull, Throwable::getCause);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    ProblemDetail body = ProblemDetail.forStatus(500);
    body.setTitle("Internal error");
    body.setDetail("Kodama could not complete the request; it has been logged");
    return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  private static ResponseEntity<ProblemDetail> respond(
      ProblemType type, String detail, HttpServletRequest request, Map<String, Object> properties) {
    ProblemDetail body = problem(type, detail, request);
    new LinkedHashMap<>(properties).forEach(body::setProperty);
    return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  static ProblemDetail problem(ProblemType type, String detail, HttpServletRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
    body.setType(type.uri());
    body.setTitle(type.title());
    if (request != null) {
      body.setInstance(java.net.URI.create(request.getRequestURI()));
    }
    return body;
  }

  private static String fieldPath(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
