package io.escala.enrollment;

import io.escala.enrollment.Enrollment.Status;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the status and offer pages say about one enrollment: its course and cohort (times in the person's zone),
 * where it stands, and the one next step (pay, transfer, take the offered seat, wait).
 */
@Component
class EnrollmentStatusPage {

  private final CourseCatalog catalog;
  private final Enrollments enrollments;
  private final EnrollmentLinks links;
  private final CatalogPages pages;

  EnrollmentStatusPage(CourseCatalog catalog, Enrollments enrollments, EnrollmentLinks links, CatalogPages pages) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.links = links;
    this.pages = pages;
  }

  void show(Enrollment enrollment, Locale locale, Model model) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    Status status = enrollment.status();
    model.addAttribute("course", course);
    model.addAttribute("cohort", pages.cohort(cohort, Optional.of(enrollment.timeZone()), locale));
    model.addAttribute("enrollment", enrollment);
    model.addAttribute("state", state(enrollment, cohort));
    model.addAttribute("position", enrollments.waitlistPosition(enrollment));
    model.addAttribute("amount", cohort.isFree() ? null : cohort.price().format(locale));
    if (enrollment.paymentDueAt() != null) {
      model.addAttribute("paymentDue", CatalogPages.dateTime(enrollment.paymentDueAt(), enrollment.timeZone(), locale));
    }
    if (status == Status.RESERVED && enrollment.paidAt() == null && enrollment.paymentDueAt() != null
        && (enrollment.paymentMethod() == PaymentMethod.CARD || enrollment.paymentMethod() == PaymentMethod.PIX)) {
      model.addAttribute("payUrl", links.pay(enrollment));
    }
    if (status == Status.OFFERED && enrollment.offerExpiresAt() != null) {
      model.addAttribute("offerUrl", links.offer(enrollment));
      model.addAttribute("offerExpires",
          CatalogPages.dateTime(enrollment.offerExpiresAt(), enrollment.timeZone(), locale));
    }
  }

  /**
   * The message the page leads with: {@code in} (free, or paid), {@code pay} (card or Pix pending), {@code transfer},
   * {@code paid} (payment received, access on its way), {@code waitlisted}, {@code offered}, {@code completed},
   * {@code released}, {@code ended}.
   */
  static String state(Enrollment enrollment, Cohort cohort) {
    return switch (enrollment.status()) {
      case RESERVED -> cohort.isFree() ? "in"
          : enrollment.paidAt() != null ? "paid"
          : enrollment.paymentMethod() == PaymentMethod.TRANSFER ? "transfer" : "pay";
      case ENROLLED -> "in";
      case WAITLISTED -> "waitlisted";
      case OFFERED -> "offered";
      case COMPLETED -> "completed";
      case RELEASED -> "released";
      case ACCESS_ENDED -> "ended";
    };
  }

  /** The enrollment a signed link names, when the link is valid and the enrollment still exists. */
  Optional<Enrollment> named(SignedLinks.Verification link) {
    return link.validSubject().flatMap(enrollments::find);
  }

  /** An expired or forged link: a page that says so (410 or 404), never an error page. */
  String linkProblem(SignedLinks.Verification link, Model model, HttpServletResponse response) {
    boolean expired = link.status() == SignedLinks.Status.EXPIRED;
    response.setStatus(expired ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("problem", expired ? "enrollment.problem.expired" : "enrollment.problem.invalid");
    return "enrollment/problem";
  }
}
