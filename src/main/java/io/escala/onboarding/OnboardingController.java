package io.escala.onboarding;

import io.escala.onboarding.OnboardingService.VerifiedSignup;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The links from the onboarding e-mails: verification and the setup progress page. */
@Controller
@RequestMapping("/onboarding")
class OnboardingController {

  private final OnboardingService onboarding;
  private final SignupService signups;

  OnboardingController(OnboardingService onboarding, SignupService signups) {
    this.onboarding = onboarding;
    this.signups = signups;
  }

  /** The link from the e-mail: asks for a click, so that a mail scanner following links confirms nothing. */
  @GetMapping("/verify")
  String confirmPage(@RequestParam(name = "token", required = false) String token, Model model,
      HttpServletResponse response) {
    OnboardingService.VerificationResult state = onboarding.check(token);
    if (state == OnboardingService.VerificationResult.VERIFIED) {
      model.addAttribute("token", token);
      return "onboarding/verify-confirm";
    }
    if (state == OnboardingService.VerificationResult.ALREADY_VERIFIED) {
      return show(onboarding.verify(token), token, model, response); // changes nothing, finds the progress link
    }
    return show(new VerifiedSignup(state, null), token, model, response);
  }

  @PostMapping("/verify")
  String verify(@RequestParam(name = "token", required = false) String token, Model model,
      HttpServletResponse response) {
    return show(onboarding.verify(token), token, model, response);
  }

  private String show(VerifiedSignup result, String token, Model model, HttpServletResponse response) {
    model.addAttribute("result", result.result().name());
    switch (result.result()) {
      case VERIFIED, ALREADY_VERIFIED -> {
        if (result.signup() != null) {
          model.addAttribute("progressUrl", signups.progressUrl(result.signup()));
        }
      }
      case EXPIRED -> response.setStatus(HttpServletResponse.SC_GONE);
      case INVALID -> response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    return "onboarding/verified";
  }

  @GetMapping("/progress")
  String progress(@RequestParam(name = "token", required = false) String token, Model model,
      HttpServletResponse response) {
    Optional<Signup> signup = onboarding.signupForProgressToken(token);
    if (signup.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "onboarding/link-invalid";
    }
    model.addAttribute("signup", signup.get());
    model.addAttribute("progress", onboarding.progress(signup.get()));
    model.addAttribute("token", token);
    return "onboarding/progress";
  }

  @PostMapping("/progress/steps")
  String completeStep(@RequestParam("token") String token, @RequestParam("step") String step, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    Optional<Signup> signup = onboarding.signupForProgressToken(token);
    if (signup.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "onboarding/link-invalid";
    }
    if (!signup.get().product().steps().contains(step)) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("signup", signup.get());
      model.addAttribute("progress", onboarding.progress(signup.get()));
      model.addAttribute("token", token);
      model.addAttribute("stepError", true);
      return "onboarding/progress";
    }
    onboarding.completeStep(signup.get(), step);
    redirect.addAttribute("token", token);
    redirect.addFlashAttribute("completedStep", step);
    return "redirect:/onboarding/progress";
  }
}
