package io.escala.enrollment;

import io.escala.enrollment.CourseCatalog.CatalogException;
import io.escala.platform.Countries;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The course admins' page (customer success may open it too): courses and cohorts with seats taken, capacity and
 * waitlist length; creating and editing courses and cohorts; a cohort's enrollments. After a cohort is saved its
 * free seats go to the waitlist, so a raised capacity reaches the people waiting.
 */
@Controller
class CourseStaffController {

  static final List<String> CURRENCIES = List.of("MXN", "COP", "ARS", "BRL", "CLP", "PEN", "USD");

  private final CourseCatalog catalog;
  private final Enrollments enrollments;
  private final JdbcClient jdbc;

  CourseStaffController(CourseCatalog catalog, Enrollments enrollments, JdbcClient jdbc) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.jdbc = jdbc;
  }

  /** A cohort as a row of the staff list: its start in its own zone. */
  record CohortRow(Cohort cohort, String starts, String price, int waitlist) {}

  record CourseRow(Course course, List<CohortRow> cohorts) {}

  record EnrollmentRow(Enrollment enrollment, String created, int position) {}

  @InitBinder("courseForm")
  void allowOnlyCourseFields(WebDataBinder binder) {
    binder.setAllowedFields("slug", "title", "summary", "language", "kind", "lmsCourseId", "lessons", "published");
  }

  @InitBinder("cohortForm")
  void allowOnlyCohortFields(WebDataBinder binder) {
    binder.setAllowedFields("code", "startsAt", "endsAt", "timeZone", "capacity", "free", "price", "currency",
        "joinUrl", "replayUrl", "enrollmentOpen");
  }

  @GetMapping("/staff/courses")
  String list(Locale locale, Model model) {
    Map<Long, Integer> waitlists = jdbc.sql("SELECT cohort_id, COUNT(*) AS waiting FROM course_enrollment"
            + " WHERE status = 'WAITLISTED' GROUP BY cohort_id")
        .query((rs, row) -> Map.entry(rs.getLong("cohort_id"), rs.getInt("waiting"))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    model.addAttribute("courses", catalog.courses(false).stream()
        .map(course -> new CourseRow(course, catalog.cohortsOf(course.id()).stream()
            .map(cohort -> row(cohort, waitlists.getOrDefault(cohort.id(), 0), locale)).toList()))
        .toList());
    return "staff/courses";
  }

  @GetMapping("/staff/courses/new")
  String newCourse(Model model) {
    model.addAttribute("courseForm", new CourseForm());
    return coursePage(model, null);
  }

  @GetMapping("/staff/courses/{slug}")
  String editCourse(@PathVariable String slug, Model model) {
    Course course = courseOrNotFound(slug);
    model.addAttribute("courseForm", CourseForm.of(course));
    return coursePage(model, course);
  }

  @PostMapping("/staff/courses")
  String saveCourse(@ModelAttribute("courseForm") CourseForm form, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      Course saved = catalog.save(form.draft());
      redirect.addFlashAttribute("saved", saved.title());
      return "redirect:/staff/courses";
    } catch (CatalogException problem) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", problem.messageKey());
      return coursePage(model, form.getSlug() == null ? null : catalog.course(form.getSlug()).orElse(null));
    }
  }

  @GetMapping("/staff/courses/{slug}/cohorts/new")
  String newCohort(@PathVariable String slug, Model model) {
    Course course = courseOrNotFound(slug);
    model.addAttribute("cohortForm", new CohortForm());
    return cohortPage(model, course, null);
  }

  @GetMapping("/staff/courses/{slug}/cohorts/{code}")
  String editCohort(@PathVariable String slug, @PathVariable String code, Model model) {
    Course course = courseOrNotFound(slug);
    Cohort cohort = cohortOrNotFound(course, code);
    model.addAttribute("cohortForm", CohortForm.of(cohort));
    return cohortPage(model, course, cohort);
  }

  @PostMapping("/staff/courses/{slug}/cohorts")
  String saveCohort(@PathVariable String slug, @ModelAttribute("cohortForm") CohortForm form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    Course course = courseOrNotFound(slug);
    try {
      Cohort saved = catalog.save(form.draft(course.id()));
      int offered = enrollments.offerFreeSeats(saved.id());
      redirect.addFlashAttribute("saved", saved.code());
      redirect.addFlashAttribute("offered", offered);
      return "redirect:/staff/courses";
    } catch (CatalogException problem) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", problem.messageKey());
      Cohort existing = form.getCode() == null ? null
          : catalog.cohort(form.getCode()).filter(c -> c.courseId() == course.id()).orElse(null);
      return cohortPage(model, course, existing);
    }
  }

  @GetMapping("/staff/courses/{slug}/cohorts/{code}/enrollments")
  String enrollmentsOf(@PathVariable String slug, @PathVariable String code, Locale locale, Model model) {
    Course course = courseOrNotFound(slug);
    Cohort cohort = cohortOrNotFound(course, code);
    List<Enrollment> all = enrollments.ofCohort(cohort.id());
    int[] waiting = {0};
    model.addAttribute("course", course);
    model.addAttribute("cohort", row(cohort, (int) all.stream()
        .filter(e -> e.status() == Enrollment.Status.WAITLISTED).count(), locale));
    // ofCohort lists the waitlist last, in arrival order: its position is its rank there.
    model.addAttribute("enrollments", all.stream().map(e -> new EnrollmentRow(e,
        CatalogPages.dateTime(e.createdAt(), cohort.timeZone(), locale),
        e.status() == Enrollment.Status.WAITLISTED ? ++waiting[0] : 0)).toList());
    return "staff/course-enrollments";
  }

  private CohortRow row(Cohort cohort, int waitlist, Locale locale) {
    return new CohortRow(cohort, CatalogPages.dateTime(cohort.startsAt(), cohort.timeZone(), locale),
        cohort.isFree() ? null : cohort.price().format(locale), waitlist);
  }

  private String coursePage(Model model, Course existing) {
    model.addAttribute("existing", existing);
    model.addAttribute("kinds", Course.Kind.values());
    model.addAttribute("languages", List.of("es", "pt-BR", "en"));
    return "staff/course-edit";
  }

  private String cohortPage(Model model, Course course, Cohort existing) {
    model.addAttribute("course", course);
    model.addAttribute("existing", existing);
    model.addAttribute("currencies", CURRENCIES);
    model.addAttribute("zones", Countries.SELECTABLE_ZONES);
    return "staff/cohort-edit";
  }

  private Course courseOrNotFound(String slug) {
    return catalog.course(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private Cohort cohortOrNotFound(Course course, String code) {
    Optional<Cohort> cohort = catalog.cohort(code).filter(c -> c.courseId() == course.id());
    return cohort.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
