package io.escala.enrollment;

import io.escala.platform.LocaleConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public catalog: published courses with their open cohorts, and one course's page with the enrollment form
 * (posted to {@link EnrollController}). Times are shown in the browser's zone once the page knows it
 * ({@code js/demo-zone.js} reloads with {@code ?tz=}); until then in each cohort's own zone.
 */
@Controller
class CatalogController {

  private final CourseCatalog catalog;
  private final CatalogPages pages;

  CatalogController(CourseCatalog catalog, CatalogPages pages) {
    this.catalog = catalog;
    this.pages = pages;
  }

  @GetMapping("/courses")
  String catalog(@RequestParam(name = "tz", required = false) String tz, Locale locale, Model model) {
    Optional<ZoneId> zone = CatalogPages.browserZone(tz);
    model.addAttribute("courses", pages.publishedCourses(zone, locale));
    model.addAttribute("zone", zone.map(ZoneId::getId).orElse(""));
    model.addAttribute("zoneGuessed", zone.isEmpty());
    return "enrollment/catalog";
  }

  @GetMapping("/courses/{slug}")
  String course(@PathVariable String slug, @RequestParam(name = "tz", required = false) String tz,
      @RequestParam(name = "cohort", required = false) String cohort, Locale locale, Model model,
      HttpServletResponse response) {
    Optional<Course> course = catalog.course(slug).filter(Course::published);
    if (course.isEmpty()) {
      return notFound(model, response);
    }
    Optional<ZoneId> zone = CatalogPages.browserZone(tz);
    EnrollmentForm form = new EnrollmentForm();
    form.setLanguage(LocaleConfiguration.supported(locale).toLanguageTag());
    form.setZone(zone.map(ZoneId::getId).orElse(null));
    form.setConsent(false);
    CatalogPages.CourseView view = pages.course(course.get(), zone, locale);
    // One cohort, or the one the catalog's link named, is chosen already.
    if (view.cohorts().size() == 1) {
      form.setCohort(view.cohorts().get(0).code());
    } else if (cohort != null && view.cohorts().stream().anyMatch(c -> c.code().equals(cohort))) {
      form.setCohort(cohort);
    }
    model.addAttribute("enrollmentForm", form);
    return showCourse(model, view, zone, true);
  }

  /** The course page with its form (fresh, or with the visitor's answers and what to correct). */
  static String showCourse(Model model, CatalogPages.CourseView view, Optional<ZoneId> zone, boolean zoneGuessable) {
    List<CatalogPages.CohortView> cohorts = view.cohorts();
    model.addAttribute("course", view.course());
    model.addAttribute("cohorts", cohorts);
    model.addAttribute("anyPaid", cohorts.stream().anyMatch(c -> !c.free()));
    model.addAttribute("anyBrl", cohorts.stream().anyMatch(CatalogPages.CohortView::brl));
    model.addAttribute("onlinePayments", view.onlinePayments());
    model.addAttribute("pix", view.pix());
    model.addAttribute("countries", EnrollmentForm.COUNTRIES);
    model.addAttribute("zone", zone.map(ZoneId::getId).orElse(""));
    model.addAttribute("zoneGuessed", zoneGuessable && zone.isEmpty());
    return "enrollment/course";
  }

  static String notFound(Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("problem", "enrollment.problem.course");
    return "enrollment/problem";
  }
}
