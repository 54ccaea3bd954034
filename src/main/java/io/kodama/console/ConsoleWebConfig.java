package io.kodama.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Japanese and English: the browser's language (Accept-Language) unless the operator chose one
 * with {@code ?lang=ja|en}, which a cookie remembers.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfig implements WebMvcConfigurer {

  static final List<Locale> LANGUAGES = List.of(Locale.JAPANESE, Locale.ENGLISH);

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("kodama-lang");
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookiePath("/console");
    resolver.setDefaultLocaleFunction(request -> {
      for (java.util.Enumeration<Locale> e = request.getLocales(); e.hasMoreElements(); ) {
        Locale asked = e.nextElement();
        for (Locale known : LANGUAGES) {
          if (known.getLanguage().equals(asked.getLanguage())) {
            return known;
          }
        }
      }
      return Locale.ENGLISH;
    });
    return resolver;
  }

  @Bean
  MessageSource messageSource() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
  }
}
