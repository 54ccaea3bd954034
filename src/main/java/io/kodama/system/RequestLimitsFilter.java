package io.kodama.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies over 64 KiB before they are read (Content-Length, or while streaming
 * when the body is chunked), with a {@code body-too-large} problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class RequestLimitsFilter extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 64 * 1024;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      writeTooLarge(request, response);
      return;
    }
    if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
      chain.doFilter(new LimitedRequest(request, MAX_BODY_BYTES), response);
      return;
    }
    chain.doFilter(request, response);
  }

  static void writeTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(ProblemType.BODY_TOO_LARGE.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setHeader("Connection", "close");
    response.getWriter().write("{\"type\":\"" + ProblemType.BODY_TOO_LARGE.uri() + "\",\"title\":\""
        + ProblemType.BODY_TOO_LARGE.title() + "\",\"status\":413,\"detail\":\"The body must be at most "
        + MAX_BODY_BYTES + " bytes\"}");
  }
}
