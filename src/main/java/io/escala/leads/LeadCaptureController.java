package io.escala.leads;

import io.escala.platform.Countries;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public lead-capture form and the confirm page of its double opt-in. Every answer page is the same, so it does
 * not reveal who is already known.
 */
@Controller
@RequestMapping("/contact")
class LeadCaptureController {

  private static final Logger log = LoggerFactory.getLogger(LeadCaptureController.class);

  private final LeadService leadService;
  private final ConsentConfirmations confirmations;
  private final MessageSource messages;

  LeadCaptureController(LeadService leadService, ConsentConfirmations confirmations, MessageSource messages) {
    this.leadService = leadService;
    this.confirmations = confirmations;
    this.messages = messages;
  }

  @InitBinder("leadSubmission")
  void allowOnlyFormFields(WebDataBinder binder) {
    binder.setAllowedFields("name", "email", "company", "role", "companySize", "country", "budgetRange",
        "interest", "need", "timeZone", "consentEmail", "consentPhone", "website");
  }

  @ModelAttribute("countries")
  List<Countries.Country> countries(Locale locale) {
    return Countries.options(locale);
  }

  @ModelAttribute("choices")
  LeadChoices choices() {
    return LeadChoices.INSTANCE;
  }

  @GetMapping
  String form(Model model) {
    model.addAttribute("leadSubmission", new LeadSubmission());
    return "leads/contact";
  }

  @PostMapping
  String submit(@Valid @ModelAttribute("leadSubmission") LeadSubmission submission, BindingResult errors,
      Locale locale, HttpServletRequest request, HttpServletResponse response) {
    if (submission.isHoneypotFilled()) {
      log.info("Lead form refused: honeypot field filled");
      errors.reject("lead.rejected");
    }
    if (errors.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "leads/contact";
    }
    String consentText = consentText(submission, locale);
    LeadService.Captured captured = leadService.capture(submission, locale, consentText, "contact-form",
        request.getRemoteAddr());
    log.info("Lead captured from the contact form: {}", captured.outcome());
    return "redirect:/contact/thanks";
  }

  @GetMapping("/thanks")
  String thanks() {
    return "leads/contact-thanks";
  }

  /**
   * The link from the confirmation e-mail: asks for a click, so that a mail scanner following links confirms
   * nothing. Only the address owner gets the link, so only the owner gives consent.
   */
  @GetMapping("/confirm")
  String confirmPage(@RequestParam(name = "token", required = false) String token, Model model,
      HttpServletResponse response) {
    ConsentConfirmations.Result result = confirmations.check(token);
    if (result == ConsentConfirmations.Result.CONFIRMABLE) {
      model.addAttribute("token", token);
      return "leads/consent-confirm";
    }
    return show(result, model, response);
  }

  @PostMapping("/confirm")
  String confirm(@RequestParam(name = "token", required = false) String token, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    return show(confirmations.confirm(token, request.getRemoteAddr()), model, response);
  }

  private static String show(ConsentConfirmations.Result result, Model model, HttpServletResponse response) {
    if (result == ConsentConfirmations.Result.EXPIRED) {
      response.setStatus(HttpServletResponse.SC_GONE);
    } else if (result == ConsentConfirmations.Result.INVALID) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    model.addAttribute("result", result.name());
    return "leads/consent-confirmed";
  }

  /** The consent texts the person saw and ticked, stored as evidence. */
  private String consentText(LeadSubmission submission, Locale locale) {
    StringBuilder text = new StringBuilder();
    if (submission.isConsentEmail()) {
      text.append("[email] ").append(messages.getMessage("lead.consent.email", null, locale));
    }
    if (submission.isConsentPhone()) {
      text.append(text.isEmpty() ? "" : "\n").append("[phone] ")
          .append(messages.getMessage("lead.consent.phone", null, locale));
    }
    return text.isEmpty() ? "(no consent given)" : text.toString();
  }

}
