package io.escala.platform.staff;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Escala's own sign-in page for staff (Spring Security processes the POST to {@code /login}). */
@Controller
class LoginController {

  @GetMapping("/login")
  String login(@RequestParam(name = "error", required = false) String error,
      @RequestParam(name = "logout", required = false) String logout, Model model) {
    model.addAttribute("failed", error != null);
    model.addAttribute("loggedOut", logout != null);
    return "login";
  }
}
