package io.kodama.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
final class LoginController {

  @GetMapping("/console/login")
  String login() {
    return "console/login";
  }
}
