package io.escala.enrollment;

import io.escala.enrollment.Enrollment.Status;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A seat freed up and was offered to the next on the waitlist: the offer link shows it and its expiry, and taking it
 * turns the offer into a reservation ({@link Enrollments#acceptOffer}), then the status page says what comes next.
 */
@Controller
class OfferController {

  private final Enrollments enrollments;
  private final EnrollmentLinks links;
  private final EnrollmentStatusPage statusPage;
  private final Clock clock;

  OfferController(Enrollments enrollments, EnrollmentLinks links, EnrollmentStatusPage statusPage, Clock clock) {
    this.enrollments = enrollments;
    this.links = links;
    this.statusPage = statusPage;
    this.clock = clock;
  }

  @GetMapping("/courses/offer/{token}")
  String offer(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyOffer(token);
    Optional<Enrollment> enrollment = statusPage.named(link);
    if (enrollment.isEmpty()) {
      return offerProblem(link, model, response);
    }
    statusPage.show(enrollment.get(), locale, model);
    model.addAttribute("token", token);
    model.addAttribute("live", isLive(enrollment.get()));
    model.addAttribute("taken", isTaken(enrollment.get()));
    model.addAttribute("statusUrl", "/courses/enrollment/" + links.statusToken(enrollment.get()));
    if (!isLive(enrollment.get()) && !isTaken(enrollment.get())) {
      response.setStatus(HttpServletResponse.SC_GONE);
    }
    return "enrollment/offer";
  }

  @PostMapping("/courses/offer/{token}")
  String accept(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyOffer(token);
    Optional<Enrollment> enrollment = statusPage.named(link);
    if (enrollment.isEmpty()) {
      return offerProblem(link, model, response);
    }
    if (enrollments.acceptOffer(enrollment.get().key())) {
      return "redirect:/courses/enrollment/" + links.statusToken(enrollment.get());
    }
    Enrollment now = enrollments.require(enrollment.get().key());
    statusPage.show(now, locale, model);
    model.addAttribute("token", token);
    model.addAttribute("live", false);
    model.addAttribute("taken", isTaken(now));
    response.setStatus(HttpServletResponse.SC_GONE);
    return "enrollment/offer";
  }

  /** An offer link lives as long as the offer: once expired, the page says the offer has gone, not just the link. */
  private String offerProblem(SignedLinks.Verification link, Model model, HttpServletResponse response) {
    String page = statusPage.linkProblem(link, model, response);
    if (link.status() == SignedLinks.Status.EXPIRED) {
      model.addAttribute("problem", "enrollment.offer.gone");
    }
    return page;
  }

  /** The seat is theirs already: reserved after taking the offer, or enrolled since. */
  private static boolean isTaken(Enrollment enrollment) {
    return enrollment.status() == Status.RESERVED || enrollment.hasAccess();
  }

  private boolean isLive(Enrollment enrollment) {
    return enrollment.status() == Status.OFFERED && enrollment.offerExpiresAt() != null
        && clock.instant().isBefore(enrollment.offerExpiresAt());
  }
}
