package io.escala.onboarding;

import io.escala.platform.Countries;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The public signup page. A valid submission starts one onboarding case; a repeated one finds the first. Both answer
 * with the same "check your inbox" page, so the form does not reveal who is already a customer.
 */
@Controller
@RequestMapping("/signup")
class SignupController {

  private static final Logger log = LoggerFactory.getLogger(SignupController.class);

  private final SignupService signupService;
  private final MessageSource messages;

  SignupController(SignupService signupService, MessageSource messages) {
    this.signupService = signupService;
    this.messages = messages;
  }

  @InitBinder("signupForm")
  void allowOnlyFormFields(WebDataBinder binder) {
    binder.setAllowedFields("name", "email", "company", "country", "product", "plan", "goals", "consent", "website");
  }

  @ModelAttribute("countries")
  List<Countries.Country> countries(Locale locale) {
    return Countries.options(locale);
  }

  @ModelAttribute("products")
  List<String> products() {
    return List.of(Product.values()).stream().map(Product::code).toList();
  }

  @ModelAttribute("plans")
  List<String> plans() {
    return List.of(Plan.values()).stream().map(Plan::code).toList();
  }

  @GetMapping
  String form(Model model) {
    model.addAttribute("signupForm", new SignupForm());
    return "onboarding/signup";
  }

  @PostMapping
  String submit(@Valid @ModelAttribute("signupForm") SignupForm form, BindingResult errors, Locale locale,
      Model model, HttpServletResponse response) {
    if (form.isHoneypotFilled()) {
      log.info("Signup refused: honeypot field filled");
      errors.reject("signup.rejected");
    }
    if (errors.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "onboarding/signup";
    }
    String consentText = messages.getMessage("signup.consent.text", null, locale);
    SignupService.Outcome outcome = signupService.signUp(form, locale, consentText);
    log.info("Signup {}: case {}", outcome.started() ? "accepted" : "repeated", outcome.signup().id());
    return "redirect:/signup/sent";
  }

  @GetMapping("/sent")
  String sent() {
    return "onboarding/signup-sent";
  }

}
