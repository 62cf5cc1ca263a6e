package io.escala.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The site root leads customers to the signup page. */
@Controller
class HomeController {

  @GetMapping("/")
  String home() {
    return "redirect:/signup";
  }
}
