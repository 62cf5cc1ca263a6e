package io.escala.enrollment;

import io.escala.enrollment.Enrollments.Accepted;
import io.escala.enrollment.Enrollments.EnrollOutcome;
import io.escala.enrollment.Enrollments.EnrollmentRequest;
import io.escala.enrollment.Enrollments.Refusal;
import io.escala.enrollment.Enrollments.Refused;
import io.escala.platform.Countries;
import io.escala.platform.LocaleConfiguration;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Enrolling from a course page, and the enrollment's status page. A valid form goes to {@link Enrollments#enroll}
 * and redirects (POST-redirect-GET) to the status page under the signed status token, so a reload enrolls nobody
 * twice and nobody without the link sees the page. Bad input and refusals come back as the form with the reason.
 */
@Controller
class EnrollController {

  private static final Logger log = LoggerFactory.getLogger(EnrollController.class);

  private final CourseCatalog catalog;
  private final Enrollments enrollments;
  private final EnrollmentLinks links;
  private final CatalogPages pages;
  private final EnrollmentStatusPage statusPage;

  EnrollController(CourseCatalog catalog, Enrollments enrollments, EnrollmentLinks links, CatalogPages pages,
      EnrollmentStatusPage statusPage) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.links = links;
    this.pages = pages;
    this.statusPage = statusPage;
  }

  @InitBinder("enrollmentForm")
  void allowOnlyFormFields(WebDataBinder binder) {
    binder.setAllowedFields("cohort", "name", "email", "country", "method", "consent", "zone", "language", "website");
  }

  @PostMapping("/courses/{slug}")
  String enroll(@PathVariable String slug, @Valid @ModelAttribute("enrollmentForm") EnrollmentForm form,
      BindingResult errors, Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
    Optional<Course> course = catalog.course(slug).filter(Course::published);
    if (course.isEmpty()) {
      return CatalogController.notFound(model, response);
    }
    if (form.isHoneypotFilled()) {
      log.info("Enrollment refused: honeypot field filled");
      errors.reject("enrollment.form.rejected");
    }
    Optional<ZoneId> browserZone = CatalogPages.browserZone(form.getZone());
    if (!errors.hasErrors()) {
      // A cohort of another course is no cohort of this page.
      boolean ofThisCourse = catalog.cohort(form.getCohort()).map(c -> c.courseId() == course.get().id())
          .orElse(false);
      EnrollOutcome outcome = ofThisCourse ? enrollments.enroll(new EnrollmentRequest(form.getCohort(),
          form.getEmail(), form.getName(), LocaleConfiguration.supported(form.getLanguage()), form.countryCode(),
          Countries.zone(form.getZone(), form.countryCode()), form.paymentMethod()))
          : new Refused(Refusal.NO_SUCH_COHORT);
      if (outcome instanceof Accepted accepted) {
        if (accepted.again()) {
          redirect.addFlashAttribute("again", true);
        }
        return "redirect:/courses/enrollment/" + links.statusToken(accepted.enrollment());
      }
      Refusal reason = ((Refused) outcome).reason();
      switch (reason) {
        case METHOD_NEEDED -> errors.rejectValue("method", "enrollment.form.method.required");
        case PIX_NEEDS_BRL -> errors.rejectValue("method", "enrollment.form.method.pix");
        case CLOSED -> errors.rejectValue("cohort", "enrollment.form.cohort.closed");
        case NO_SUCH_COHORT -> errors.rejectValue("cohort", "enrollment.form.cohort.required");
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return CatalogController.showCourse(model, pages.course(course.get(), browserZone, locale), browserZone, false);
  }

  @GetMapping("/courses/enrollment/{token}")
  String status(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyStatus(token);
    Optional<Enrollment> enrollment = statusPage.named(link);
    if (enrollment.isEmpty()) {
      return statusPage.linkProblem(link, model, response);
    }
    statusPage.show(enrollment.get(), locale, model);
    return "enrollment/status";
  }
}
