package io.kodama.console;

import io.kodama.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every console page shows (navigation, operator, language), and its error page. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ConsoleModel {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleModel.class);

  private final ConsoleProperties properties;
  private final boolean demoAvailable;

  ConsoleModel(ConsoleProperties properties,
      @Value("${kodama.simulators.enabled:true}") boolean demoAvailable) {
    this.properties = properties;
    this.demoAvailable = demoAvailable;
  }

  @ModelAttribute
  void common(Model model, HttpServletRequest request, Principal operator, Locale locale) {
    model.addAttribute("demoAvailable", demoAvailable);
    model.addAttribute("webhooksAvailable", true);
    model.addAttribute("operator", operator == null ? null : operator.getName());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("path", request.getRequestURI());
    model.addAttribute("fmt", new Fmt(properties.zone(), locale));
    model.addAttribute("langJa", withLang(request, "ja"));
    model.addAttribute("langEn", withLang(request, "en"));
  }

  /** This page's address in another language (the query kept, so filters stay as they are). */
  static String withLang(HttpServletRequest request, String lang) {
    return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", lang)
        .build().toUri().getRawPath() + "?" + ServletUriComponentsBuilder.fromRequest(request)
        .replaceQueryParam("lang", lang).build().getQuery();
  }

  @ExceptionHandler(ApiException.class)
  ModelAndView problem(ApiException e, HttpServletRequest request, Locale locale) {
    return errorPage(e.type().status(), e.getMessage(), request, locale);
  }

  @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
  ModelAndView badRequest(Exception e, HttpServletRequest request, Locale locale) {
    return errorPage(org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage(), request, locale);
  }

  @ExceptionHandler(RuntimeException.class)
  ModelAndView unexpected(RuntimeException e, HttpServletRequest request, Locale locale) {
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return errorPage(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR,
        "Kodama could not show this page; the error has been logged.", request, locale);
  }

  private ModelAndView errorPage(org.springframework.http.HttpStatusCode status, String message,
      HttpServletRequest request, Locale locale) {
    ModelAndView page = new ModelAndView("console/error");
    page.setStatus(status);
    page.addObject("message", message);
    page.addObject("demoAvailable", demoAvailable);
    page.addObject("webhooksAvailable", true);
    page.addObject("lang", locale.getLanguage());
    page.addObject("path", request.getRequestURI());
    page.addObject("fmt", new Fmt(properties.zone(), locale));
    page.addObject("langJa", withLang(request, "ja"));
    page.addObject("langEn", withLang(request, "en"));
    page.addObject("operator", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
    return page;
  }

}
