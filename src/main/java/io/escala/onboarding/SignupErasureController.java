package io.escala.onboarding;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Customer success erases a customer's onboarding data when the customer asks for it. */
@Controller
class SignupErasureController {

  private final SignupErasure erasure;

  SignupErasureController(SignupErasure erasure) {
    this.erasure = erasure;
  }

  @GetMapping("/staff/onboarding/erasure")
  String form() {
    return "staff/onboarding-erasure";
  }

  @PostMapping("/staff/onboarding/erasure")
  String erase(@RequestParam("email") String email, RedirectAttributes redirect) {
    redirect.addFlashAttribute(erasure.erase(email) ? "erased" : "unknown", email);
    return "redirect:/staff/onboarding/erasure";
  }
}
