package io.escala.enrollment;

import io.escala.payments.Checkout;
import io.escala.payments.PaymentRefusedException;
import io.escala.payments.PaymentUnavailableException;
import io.escala.payments.PaymentsDisabledException;
import io.escala.platform.LocaleConfiguration;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.View;

/**
 * The pay link of a reserved seat ({@code /courses/pay/{token}}: on to the provider's page) and the pages the provider
 * sends the payer back to ({@code /courses/paid/{token}?outcome=success|pending|failure}). The pages say where the
 * payment stands in Escala's tables: "we are confirming your payment" until the provider's notification counted it;
 * nothing here marks anything paid. Pages speak the person's language unless they chose one with {@code ?lang=}.
 */
@Controller
class PayController {

  private static final Logger log = LoggerFactory.getLogger(PayController.class);

  private final EnrollmentLinks links;
  private final Enrollments enrollments;
  private final CourseCatalog catalog;
  private final CoursePayments payments;
  private final LocaleResolver localeResolver;
  private final Clock clock;

  PayController(EnrollmentLinks links, Enrollments enrollments, CourseCatalog catalog, CoursePayments payments,
      LocaleResolver localeResolver, Clock clock) {
    this.links = links;
    this.enrollments = enrollments;
    this.catalog = catalog;
    this.payments = payments;
    this.localeResolver = localeResolver;
    this.clock = clock;
  }

  @GetMapping("/courses/pay/{token}")
  String pay(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyPay(token);
    Optional<Enrollment> found = link.subject() == null ? Optional.empty() : enrollments.find(link.subject());
    if (found.isEmpty()) {
      return problem("invalid", HttpStatus.NOT_FOUND, model, response);
    }
    Enrollment enrollment = found.get();
    speak(enrollment, request, response);
    describe(enrollment, model);
    String state = state(enrollment, null);
    if (state.equals("paid") || state.equals("ended")) {
      model.addAttribute("state", state);
      return "enrollment/pay-landing";
    }
    if (state.equals("released")) {
      return problem("released", HttpStatus.GONE, model, response);
    }
    if (enrollment.paymentMethod() == PaymentMethod.TRANSFER) {
      return problem("transfer", HttpStatus.CONFLICT, model, response);
    }
    Instant now = clock.instant();
    if (link.status() == SignedLinks.Status.EXPIRED || enrollment.paymentDueAt() == null
        || !now.isBefore(enrollment.paymentDueAt())) {
      return problem("expired", HttpStatus.GONE, model, response);
    }
    if (link.status() != SignedLinks.Status.VALID) {
      return problem("invalid", HttpStatus.NOT_FOUND, model, response);
    }
    try {
      Checkout checkout = payments.payPage(enrollment);
      // 303: the payment page is fetched with GET whatever brought the payer here
      request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
      return "redirect:" + checkout.redirectUrl();
    } catch (PaymentUnavailableException busy) {
      log.warn("Payment page for enrollment {} could not be opened now: {}", enrollment.key(), busy.getMessage());
      return problem("unavailable", HttpStatus.SERVICE_UNAVAILABLE, model, response);
    } catch (PaymentRefusedException | PaymentsDisabledException refused) {
      log.error("Payment page for enrollment {} refused: {}", enrollment.key(), refused.getMessage());
      return problem("refused", HttpStatus.SERVICE_UNAVAILABLE, model, response);
    }
  }

  @GetMapping("/courses/paid/{token}")
  String paid(@PathVariable String token, @RequestParam(name = "outcome", required = false) String outcome,
      Model model, HttpServletRequest request, HttpServletResponse response) {
    // the status link (90 days), not the pay link: the payer may come back after payment was due
    SignedLinks.Verification link = links.verifyStatus(token);
    Optional<Enrollment> found = link.validSubject().flatMap(enrollments::find);
    if (found.isEmpty()) {
      return problem(link.status() == SignedLinks.Status.EXPIRED ? "expired" : "invalid",
          link.status() == SignedLinks.Status.EXPIRED ? HttpStatus.GONE : HttpStatus.NOT_FOUND, model, response);
    }
    Enrollment enrollment = found.get();
    speak(enrollment, request, response);
    describe(enrollment, model);
    model.addAttribute("state", state(enrollment, outcome));
    if (enrollment.status() == Enrollment.Status.RESERVED && enrollment.paymentDueAt() != null
        && clock.instant().isBefore(enrollment.paymentDueAt())) {
      model.addAttribute("payUrl", links.pay(enrollment));
    }
    model.addAttribute("statusUrl", links.status(enrollment));
    return "enrollment/pay-landing";
  }

  /** What the page says, from Escala's tables; the provider's {@code outcome} only picks the words while unpaid. */
  static String state(Enrollment enrollment, String outcome) {
    if (enrollment.status() == Enrollment.Status.ACCESS_ENDED) {
      return "ended";
    }
    if (enrollment.hasAccess() || enrollment.paidAt() != null && enrollment.status() == Enrollment.Status.RESERVED) {
      return "paid";
    }
    if (enrollment.status() != Enrollment.Status.RESERVED) {
      // a payment that arrived after the seat was released is not access: the page says to write to us
      return "released";
    }
    return switch (outcome == null ? "" : outcome) {
      case "success" -> "confirming";
      case "pending" -> "pending";
      default -> "failure";
    };
  }

  private void describe(Enrollment enrollment, Model model) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    Locale locale = LocaleConfiguration.supported(enrollment.language());
    model.addAttribute("enrollment", enrollment);
    model.addAttribute("courseTitle", course.title());
    model.addAttribute("cohortStart", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(locale).withZone(enrollment.timeZone()).format(cohort.startsAt()));
    model.addAttribute("amount", cohort.isFree() ? null : cohort.price().format(locale));
    model.addAttribute("method", enrollment.paymentMethod() == null ? null : enrollment.paymentMethod().name());
    if (enrollment.paymentDueAt() != null) {
      model.addAttribute("dueAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
          .withLocale(locale).withZone(enrollment.timeZone()).format(enrollment.paymentDueAt()));
    }
  }

  /** The person's language, unless they picked one on the page ({@code ?lang=}, which the interceptor applied). */
  private void speak(Enrollment enrollment, HttpServletRequest request, HttpServletResponse response) {
    if (request.getParameter("lang") == null) {
      localeResolver.setLocale(request, response, LocaleConfiguration.supported(enrollment.language()));
    }
  }

  private static String problem(String problem, HttpStatus status, Model model, HttpServletResponse response) {
    response.setStatus(status.value());
    model.addAttribute("problem", problem);
    return "enrollment/pay-problem";
  }
}
