package io.escala.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The site root sends visitors to the first entry page a feature declares. */
@Controller
class HomeController {

  private final Contributions contributions;

  HomeController(Contributions contributions) {
    this.contributions = contributions;
  }

  @GetMapping("/")
  String home() {
    return contributions.entryPoints().stream().findFirst()
        .map(entry -> "redirect:" + entry.path())
        .orElse("redirect:/login");
  }
}
