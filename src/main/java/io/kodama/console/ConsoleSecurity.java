package io.kodama.console;

import io.kodama.system.ServerSecret;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * One filter chain, the console's (form sign-in, sessions, CSRF, logout), for {@code /console/**}
 * only. No chain matches anything else, so the APIs, their own authentication (API keys, admin
 * token), their problem+json errors and the actuator pass through Spring Security untouched (an
 * earlier pass-through chain of six permit-all filters for them cost CPU on every API request).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

  @Bean
  SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/console", "/console/**")
        .authorizeHttpRequests(a -> a
            .requestMatchers("/console/login", "/console/assets/**").permitAll()
            .anyRequest().authenticated())
        .formLogin(f -> f
            .loginPage("/console/login")
            .loginProcessingUrl("/console/login")
            .defaultSuccessUrl("/console", false)
            .failureUrl("/console/login?error"))
        .logout(l -> l
            .logoutUrl("/console/logout")
            .logoutSuccessUrl("/console/login?logout")
            .deleteCookies("JSESSIONID"))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(h -> h.frameOptions(f -> f.deny()));
    return http.build();
  }

  @Bean
  PasswordEncoder consolePasswordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService consoleOperators(ConsoleProperties properties, OperatorPassword password,
      PasswordEncoder encoder) {
    String configured = password.value();
    String encoded = configured.startsWith("{") ? configured : encoder.encode(configured);
    return new InMemoryUserDetailsManager(
        User.withUsername(properties.username()).password(encoded).roles("OPERATOR").build());
  }

  @Bean
  OperatorPassword operatorPassword(ConsoleProperties properties, ServerSecret secret) {
    return properties.passwordConfigured()
        ? new OperatorPassword(properties.password(), false)
        : new OperatorPassword(secret.derivedToken("console-operator-password", 20), true);
  }

  /**
   * The operator's password as configured, or derived from the server secret (then {@code derived}
   * is true and the start banner prints it).
   */
  record OperatorPassword(String value, boolean derived) {

    @Override
    public String toString() {
      return "OperatorPassword[derived=" + derived + "]";
    }
  }
}
