package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.certificates.Certificates;
import io.escala.payments.Money;
import io.escala.platform.WebhookSignature;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.Mails;
import io.escala.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The learner's side of course enrollment through the running application: every e-mail through GreenMail in es,
 * pt-BR and en, the learner page (lessons, progress, certificate), the join link, and the signed progress endpoint.
 * Enrollment rows are written directly, so no case of {@code course-enrollment} is involved.
 */
abstract class CourseLearningScenarios extends EscalaIntegrationTest {

  static final String PROGRESS_SECRET = "integration-test-progress-secret";

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired CourseMailer mailer;
  @Autowired CourseLearning learning;
  @Autowired Certificates certificates;
  @Autowired StalledLearners stalled;
  @Autowired JdbcClient jdbc;

  private Instant now;

  @BeforeEach
  void freshInbox() {
    ClockUtil.reset();
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now));
    TestMailServer.purge();
  }

  @Test
  void everyMailInTheLearnersLanguageWithItsLinks() throws Exception {
    record Case(String language, String country, String zone, Money price, String transferSubject,
        String welcomeSubject, String amountShown) {}
    List<Case> cases = List.of(
        new Case("es", "CL", "America/Santiago", Money.of("15000", "CLP"), "Datos para la transferencia",
            "¡Te damos la bienvenida a", "$15.000"),
        new Case("pt-BR", "BR", "America/Sao_Paulo", Money.of("150.50", "BRL"), "Dados para a transferência",
            "Boas-vindas a", "R$ 150,50"),
        new Case("en", "US", "America/New_York", Money.of("99", "USD"), "Bank transfer details",
            "Welcome to", "$99.00"));
    for (Case c : cases) {
      Course course = course("Inteligência artificial aplicada " + c.language(), 4);
      Cohort cohort = cohort(course, c.price(), "https://meet.example/ia-" + c.language());
      Enrollment enrollment = enrollment(cohort, c.language(), c.country(), c.zone(), "ENROLLED");
      String email = enrollment.email();
      jdbc.sql("UPDATE course_enrollment SET certificate_code = 'ABCD-EFGH-JKLM', milestone_sent = 50,"
          + " progress_percent = 55, offer_expires_at = ?, payment_due_at = ? WHERE enrollment_key = ?")
          .params(CourseCatalog.utc(now.plus(Duration.ofDays(1))), CourseCatalog.utc(now.plus(Duration.ofDays(2))),
              enrollment.key()).update();
      enrollment = enrollments.require(enrollment.key());
      for (CourseMail kind : CourseMail.values()) {
        mailer.send(kind, enrollment, "test:" + enrollment.key() + ":" + kind);
      }
      mailer.sendMilestone(enrollment, 50, "test:" + enrollment.key() + ":milestone50");
      mailer.sendReminder(enrollment, Duration.ofDays(1), "test:" + enrollment.key() + ":reminder");
      // the same key again sends nothing
      mailer.send(CourseMail.WELCOME, enrollment, "test:" + enrollment.key() + ":" + CourseMail.WELCOME);

      List<MimeMessage> mails = Mails.to(email);
      assertThat(mails).as(c.language()).hasSize(CourseMail.values().length + 2);
      MimeMessage welcome = only(mails, c.welcomeSubject());
      assertThat(Mails.link(welcome, "/courses/learn/")).startsWith("http");
      assertThat(Mails.link(welcome, "/courses/join/")).startsWith("http");
      Calendar invite = new CalendarBuilder().build(new StringReader(Mails.part(welcome, "text/calendar")));
      assertThat(invite.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
      VEvent event = invite.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
      assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo(course.title());
      assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue()).contains("/courses/join/");

      MimeMessage transfer = only(mails, c.transferSubject());
      String text = Mails.text(transfer);
      // as the learner's locale writes it (with its non-breaking spaces)
      assertThat(cohort.price().format(CourseTimes.moneyLocale(Locale.forLanguageTag(c.language()), c.country())))
          .isEqualTo(c.amountShown().replace(' ', '\u00a0'));
      assertThat(text).contains(c.amountShown().replace(' ', '\u00a0'))
          .contains(cohort.price().currencyCode())
          .contains(enrollment.key().substring(0, 8).toUpperCase(Locale.ROOT))
          .contains("Banco de Prueba, cuenta 000-123456-7");

      assertThat(Mails.link(only(mails, subject("payment-requested", c.language())), "/courses/pay/"))
          .startsWith("http");
      assertThat(Mails.link(only(mails, subject("seat-offered", c.language())), "/courses/offer/"))
          .startsWith("http");
      assertThat(Mails.link(only(mails, subject("waitlisted", c.language())), "/courses/enrollment/"))
          .startsWith("http");
      assertThat(Mails.link(only(mails, subject("certificate", c.language())), "/certificates/ABCD-EFGH-JKLM.pdf"))
          .startsWith("http");
      assertThat(Mails.link(only(mails, subject("replay", c.language())), "replay.example/"))
          .startsWith("https");
      assertThat(Mails.link(only(mails, subject("reminder", c.language())), "/courses/join/")).startsWith("http");
      // the generic MILESTONE mail (the milestone the row records) and sendMilestone say the same
      assertThat(mails.stream().filter(m -> Mails.subject(m).contains(subject("milestone", c.language())))
          .map(Mails::text)).hasSize(2).allSatisfy(body -> assertThat(body).contains("50 %"));
    }
    // CLP has no decimals
    assertThat(Mails.text(only(Mails.to(enrollmentEmailOf("es")), "Datos para la transferencia")))
        .doesNotContain("15.000,00").doesNotContain("15000.00");
  }

  @Test
  void aWebinarWelcomeWithoutALiveSessionCarriesNoInvite() {
    Course course = course("Webinar grabado", 0);
    Cohort cohort = cohort(course, null, null);
    Enrollment enrollment = enrollment(cohort, "es", "MX", "America/Mexico_City", "ENROLLED");
    mailer.send(CourseMail.WELCOME, enrollment, "test:" + enrollment.key() + ":welcome");
    MimeMessage welcome = Mails.to(enrollment.email()).get(0);
    assertThat(Mails.part(welcome, "text/calendar")).isNull();
    assertThat(Mails.text(welcome)).doesNotContain("/courses/join/");
  }

  @Test
  void customerSuccessHearsWhenAccessEnds() {
    Course course = course("Prompting para docentes", 3);
    Cohort cohort = cohort(course, Money.of("200000", "COP"), null);
    Enrollment enrollment = enrollment(cohort, "pt-BR", "CO", "America/Bogota", "ENROLLED");
    assertThat(enrollments.endAccess(enrollment.key(), "refund")).isTrue();
    mailer.tellSuccessAccessEnded(enrollments.require(enrollment.key()), "test:" + enrollment.key() + ":success");
    List<MimeMessage> toSuccess = Mails.to("demo-success@escala.local");
    assertThat(toSuccess).hasSize(1);
    // staff read the staff language (Spanish by default), whatever the learner's
    assertThat(Mails.subject(toSuccess.get(0))).isEqualTo("Acceso terminado: " + enrollment.name() + " en "
        + course.title());
    assertThat(Mails.text(toSuccess.get(0))).contains("refund").contains(cohort.code());
  }

  @Test
  void theLearnerMarksLessonsReachesAMilestoneAndDownloadsTheCertificate() {
    Course course = course("Automatización con IA", 4);
    Cohort cohort = cohort(course, null, "https://meet.example/auto");
    Enrollment reserved = enrollment(cohort, "es", "MX", "America/Mexico_City", "RESERVED");
    String lmsUser = learning.pushToLms(reserved.key());
    assertThat(lmsUser).isEqualTo(reserved.email());
    Enrollment enrollment = enrollments.enrolled(reserved.key(), lmsUser);
    // pushing again (a retried job) changes nothing
    assertThat(learning.pushToLms(reserved.key())).isEqualTo(lmsUser);

    mailer.send(CourseMail.WELCOME, enrollment, "test:" + enrollment.key() + ":welcome");
    String learnLink = Mails.link(Mails.to(enrollment.email()).get(0), "/courses/learn/");
    HttpResponse<String> page = http.get(learnLink, "es");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Automatización con IA").contains("Lección 1").contains("Lección 4")
        .contains("0 % completado").contains("Marcar como hecha").contains("/courses/join/");

    String path = learnLink.substring(learnLink.indexOf("/courses/learn/"));
    HttpResponse<String> marked = http.postForm(path + "/lessons/lesson-1", Map.of(), page.body());
    assertThat(marked.statusCode()).isEqualTo(303);
    page = http.get(marked.headers().firstValue("Location").orElseThrow(), "es");
    assertThat(page.body()).contains("25 % completado").contains("Marcaste «Lección 1» como hecha");
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isEqualTo(25);
    assertThat(enrollments.claimMilestone(enrollment.key())).isEqualTo(OptionalInt.of(25));
    assertThat(enrollments.claimMilestone(enrollment.key())).isEmpty();

    // marking the same lesson twice counts once; an unknown lesson changes nothing
    http.postForm(path + "/lessons/lesson-1", Map.of(), page.body());
    http.postForm(path + "/lessons/lesson-99", Map.of(), page.body());
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isEqualTo(25);
    for (String lesson : List.of("lesson-2", "lesson-3", "lesson-4")) {
      assertThat(http.postForm(path + "/lessons/" + lesson, Map.of(), page.body()).statusCode()).isEqualTo(303);
    }
    assertThat(learning.progressFromLms(enrollment.key())).isEqualTo(100);
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isEqualTo(100);

    String code = learning.issueCertificate(enrollment.key());
    assertThat(learning.issueCertificate(enrollment.key())).as("issued once").isEqualTo(code);
    Enrollment completed = enrollments.require(enrollment.key());
    assertThat(completed.status()).isEqualTo(Enrollment.Status.COMPLETED);
    assertThat(completed.certificateCode()).isEqualTo(code);
    assertThat(certificates.find(code).orElseThrow().learnerName()).isEqualTo(enrollment.name());
    assertThat(certificates.find(code).orElseThrow().language()).isEqualTo(Locale.forLanguageTag("es"));
    assertThat(certificates.pdf(code).orElseThrow()).startsWith("%PDF".getBytes());

    page = http.get(learnLink, "es");
    assertThat(page.body()).contains("/certificates/" + code + ".pdf").contains("100 % completado");
    HttpResponse<String> pdf = http.get("/certificates/" + code + ".pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
  }

  @Test
  void theJoinLinkWaitsForTheSessionThenRecordsAttendance() {
    Course course = course("Webinar: IA en el aula", 0);
    Cohort cohort = cohort(course, null, "https://meet.example/aula");
    Enrollment enrollment = enrollment(cohort, "en", "US", "America/New_York", "ENROLLED");
    mailer.send(CourseMail.WELCOME, enrollment, "test:" + enrollment.key() + ":welcome");
    String joinLink = Mails.link(Mails.to(enrollment.email()).get(0), "/courses/join/");

    HttpResponse<String> early = http.get(joinLink, "en");
    assertThat(early.statusCode()).isEqualTo(200);
    assertThat(early.body()).contains("has not started yet")
        .contains(CourseTimes.dateTime(cohort.startsAt(), enrollment.timeZone(), Locale.ENGLISH));
    assertThat(enrollments.require(enrollment.key()).attendedAt()).isNull();

    ClockUtil.setCurrentTime(Date.from(cohort.startsAt().plus(Duration.ofMinutes(5))));
    HttpResponse<String> join = http.get(joinLink, "en");
    assertThat(join.statusCode()).isEqualTo(303);
    assertThat(join.headers().firstValue("Location")).contains("https://meet.example/aula");
    assertThat(enrollments.require(enrollment.key()).attendedAt()).isNotNull();
  }

  @Test
  void endedAccessAndBadLinksGetAClearPage() {
    Course course = course("Curso de datos", 2);
    Cohort cohort = cohort(course, Money.of("50", "USD"), null);
    Enrollment enrollment = enrollment(cohort, "pt-BR", "BR", "America/Sao_Paulo", "ENROLLED");
    mailer.send(CourseMail.WELCOME, enrollment, "test:" + enrollment.key() + ":welcome");
    String learnLink = Mails.link(Mails.to(enrollment.email()).get(0), "/courses/learn/");
    enrollments.endAccess(enrollment.key(), "chargeback");

    HttpResponse<String> ended = http.get(learnLink, "pt-BR");
    assertThat(ended.statusCode()).isEqualTo(410);
    assertThat(ended.body()).contains("Seu acesso terminou");
    HttpResponse<String> forged = http.get(learnLink.substring(0, learnLink.length() - 3) + "xyz", "pt-BR");
    assertThat(forged.statusCode()).isEqualTo(404);
    assertThat(forged.body()).contains("Este link não é válido");
  }

  @Test
  void theProgressEndpointTakesSignedReportsOnly() {
    Course course = course("Curso externo", 4);
    Cohort cohort = cohort(course, null, null);
    Enrollment reserved = enrollment(cohort, "es", "PE", "America/Lima", "RESERVED");
    Enrollment enrollment = enrollments.enrolled(reserved.key(), learning.pushToLms(reserved.key()));
    WebhookSignature real = new WebhookSignature("test", PROGRESS_SECRET);
    WebhookSignature forged = new WebhookSignature("test", "not-the-secret");

    String percent = "{\"enrollment\":\"" + enrollment.key() + "\",\"percent\":40}";
    assertThat(http.postSignedJson("/courses/progress", percent, forged).statusCode()).isEqualTo(401);
    assertThat(http.postSignedJson("/courses/progress", percent, null).statusCode()).isEqualTo(401);
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isZero();

    HttpResponse<String> accepted = http.postSignedJson("/courses/progress", percent, real);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isEqualTo(40);

    // a lesson completed in the (built-in) LMS: 1 of 4 is 25 %, lower than 40 %, so progress stays
    String lesson = "{\"enrollment\":\"" + enrollment.key() + "\",\"lessonCompleted\":\"lesson-2\"}";
    assertThat(http.postSignedJson("/courses/progress", lesson, real).statusCode()).isEqualTo(202);
    assertThat(learning.completedLessons(enrollments.require(enrollment.key()))).containsExactly("lesson-2");
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isEqualTo(40);

    assertThat(http.postSignedJson("/courses/progress", "{\"enrollment\":\"nobody\",\"percent\":10}", real)
        .statusCode()).isEqualTo(404);
    for (String malformed : List.of("not json", "[]", "{\"percent\":10}",
        "{\"enrollment\":\"" + enrollment.key() + "\",\"percent\":101}",
        "{\"enrollment\":\"" + enrollment.key() + "\",\"percent\":\"50\"}",
        "{\"enrollment\":\"" + enrollment.key() + "\"}",
        "{\"enrollment\":\"" + enrollment.key() + "\",\"percent\":10,\"lessonCompleted\":\"lesson-1\"}")) {
      assertThat(http.postSignedJson("/courses/progress", malformed, real).statusCode()).as(malformed)
          .isEqualTo(400);
    }
  }

  @Test
  void theStalledLearnerTaskShowsTheRowAndKeepsTheOutcome() throws Exception {
    Course course = course("Curso lento", 4);
    Cohort cohort = cohort(course, null, null);
    Enrollment enrollment = enrollment(cohort, "es", "AR", "America/Argentina/Buenos_Aires", "ENROLLED");
    jdbc.sql("UPDATE course_enrollment SET progress_percent = 30, progress_at = ? WHERE enrollment_key = ?")
        .params(CourseCatalog.utc(now.minus(Duration.ofDays(12))), enrollment.key()).update();
    mailer.send(CourseMail.NUDGE, enrollments.require(enrollment.key()), "test:" + enrollment.key() + ":nudge");
    assertThat(stalled.lastNudge(enrollment.key())).contains(now);
    assertThat(Mails.text(Mails.to(enrollment.email()).get(0))).contains("30 %");

    Map<String, Object> variables = new java.util.HashMap<>();
    DelegateExecution execution = org.mockito.Mockito.mock(DelegateExecution.class);
    org.mockito.Mockito.when(execution.getVariable(org.mockito.ArgumentMatchers.anyString()))
        .thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    org.mockito.Mockito.doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(execution)
        .setVariable(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.any());
    variables.put("enrollmentKey", enrollment.key());
    prepare.execute(execution);
    assertThat(execution.getVariable("learnerName")).isEqualTo(enrollment.name());
    assertThat(execution.getVariable("courseTitle")).isEqualTo(course.title() + " (" + cohort.code() + ")");
    assertThat(execution.getVariable("progressPercent")).isEqualTo(30L);
    assertThat(execution.getVariable("daysWithoutProgress")).isEqualTo(12L);
    assertThat((String) execution.getVariable("lastNudge")).isNotBlank();
    assertThat(variables.values()).noneMatch(value -> String.valueOf(value).contains("@"));

    variables.put("stallOutcome", "droppedOut");
    variables.put("stallNote", "Cambió de trabajo; quizá vuelva en marzo.");
    save.execute(execution);
    assertThat(stalled.outcome(enrollment.key())).contains(StalledLearners.Outcome.DROPPED_OUT);
  }

  @Autowired StalledLearnerDelegates.PrepareTask prepare;
  @Autowired StalledLearnerDelegates.SaveOutcome save;

  private static String subject(String mail, String language) {
    return switch (mail + ":" + language) {
      case "payment-requested:es" -> "completa el pago";
      case "payment-requested:pt-BR" -> "conclua o pagamento";
      case "payment-requested:en" -> "complete the payment";
      case "seat-offered:es" -> "Se liberó un lugar";
      case "seat-offered:pt-BR" -> "Abriu uma vaga";
      case "seat-offered:en" -> "A seat opened up";
      case "waitlisted:es" -> "lista de espera";
      case "waitlisted:pt-BR" -> "lista de espera";
      case "waitlisted:en" -> "on the waitlist";
      case "certificate:es" -> "Tu certificado";
      case "certificate:pt-BR" -> "Seu certificado";
      case "certificate:en" -> "Your certificate";
      case "replay:es" -> "La grabación";
      case "replay:pt-BR" -> "A gravação";
      case "replay:en" -> "The recording";
      case "reminder:es" -> "Recordatorio";
      case "reminder:pt-BR" -> "Lembrete";
      case "reminder:en" -> "Reminder";
      case "milestone:es" -> "Vas muy bien";
      case "milestone:pt-BR" -> "indo muito bem";
      case "milestone:en" -> "Great progress";
      default -> throw new IllegalArgumentException(mail + ":" + language);
    };
  }

  private static MimeMessage only(List<MimeMessage> mails, String subjectPart) {
    List<MimeMessage> found = mails.stream().filter(m -> Mails.subject(m).contains(subjectPart)).toList();
    assertThat(found).as("mails with '" + subjectPart + "' in the subject: "
        + mails.stream().map(Mails::subject).toList()).hasSize(1);
    return found.get(0);
  }

  private final Map<String, String> emailByLanguage = new java.util.HashMap<>();

  private String enrollmentEmailOf(String language) {
    return emailByLanguage.get(language);
  }

  private Course course(String title, int lessons) {
    return fixtures().course(title, lessons);
  }

  private Cohort cohort(Course course, Money price, String joinUrl) {
    return fixtures().cohort(course, price, joinUrl, now);
  }

  private Enrollment enrollment(Cohort cohort, String language, String country, String zone, String status) {
    Enrollment enrollment = fixtures().enrollment(cohort, language, country, zone, status, now);
    emailByLanguage.put(language, enrollment.email());
    return enrollment;
  }

  private CourseFixtures fixtures() {
    return new CourseFixtures(catalog, enrollments, jdbc);
  }
}
