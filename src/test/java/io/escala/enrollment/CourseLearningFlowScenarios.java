package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.enrollment.Enrollments.Accepted;
import io.escala.enrollment.Enrollments.EnrollmentRequest;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.Mails;
import io.escala.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A free live course through the case of {@code course-enrollment}: welcome with the invite, lessons marked on the
 * learner page, milestone e-mails, the certificate, the session reminders (none sent late), attendance through the
 * join link and no replay for who attended.
 */
abstract class CourseLearningFlowScenarios extends EscalaIntegrationTest {

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired JdbcClient jdbc;

  private Instant now;

  @BeforeEach
  void startClean() {
    ClockUtil.reset();
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now));
    TestMailServer.purge();
  }

  @Test
  void aFreeLiveCourseFromWelcomeToCertificateAttendanceAndReminders() {
    CourseFixtures fixtures = new CourseFixtures(catalog, enrollments, jdbc);
    Course course = fixtures.course("Agentes de IA para pymes", 4);
    Cohort cohort = fixtures.cohort(course, null, "https://meet.example/agentes", now);
    String email = "lucia-" + Long.toHexString(System.nanoTime()) + "@cliente.example";
    Accepted accepted = (Accepted) enrollments.enroll(new EnrollmentRequest(cohort.code(), email, "Lucía Gómez",
        Locale.forLanguageTag("es"), "MX", ZoneId.of("America/Mexico_City"), null));
    String key = accepted.enrollment().key();
    ProcessInstance pi = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(accepted.enrollment().businessKey()).singleResult();
    runDueJobs();

    Enrollment enrolled = enrollments.require(key);
    assertThat(enrolled.status()).isEqualTo(Enrollment.Status.ENROLLED);
    assertThat(enrolled.lmsUserId()).isEqualTo(email);
    MimeMessage welcome = only(email, "¡Te damos la bienvenida a");
    assertThat(Mails.part(welcome, "text/calendar")).contains("METHOD:REQUEST");
    String learnLink = Mails.link(welcome, "/courses/learn/");
    String joinLink = Mails.link(welcome, "/courses/join/");

    // lessons marked on the learner page move the case: 25 % and 50 % are announced once each
    String path = learnLink.substring(learnLink.indexOf("/courses/learn/"));
    HttpResponse<String> page = http.get(learnLink, "es");
    for (String lesson : List.of("lesson-1", "lesson-2")) {
      assertThat(http.postForm(path + "/lessons/" + lesson, Map.of(), page.body()).statusCode()).isEqualTo(303);
      runDueJobs();
    }
    assertThat(Mails.to(email).stream().map(Mails::subject).filter(s -> s.startsWith("Vas muy bien"))).hasSize(2);
    assertThat(Mails.to(email).stream().filter(m -> Mails.subject(m).startsWith("Vas muy bien")).map(Mails::text))
        .anySatisfy(text -> assertThat(text).contains("25 %"))
        .anySatisfy(text -> assertThat(text).contains("50 %"));
    for (String lesson : List.of("lesson-3", "lesson-4")) {
      http.postForm(path + "/lessons/" + lesson, Map.of(), page.body());
      runDueJobs();
    }
    Enrollment completed = enrollments.require(key);
    assertThat(completed.status()).isEqualTo(Enrollment.Status.COMPLETED);
    assertThat(completed.certificateCode()).isNotBlank();
    assertThat(Mails.link(only(email, "Tu certificado de"), "/certificates/" + completed.certificateCode() + ".pdf"))
        .startsWith("http");
    assertThat(http.get(learnLink, "es").body()).contains("/certificates/" + completed.certificateCode() + ".pdf");

    // reminders: 7 days, then 1 day, then 1 hour before; each once
    moveTo(cohort.startsAt().minus(Duration.ofDays(7)).plusSeconds(1));
    assertThat(reminders(email)).hasSize(1);
    moveTo(cohort.startsAt().minus(Duration.ofDays(1)).plusSeconds(1));
    assertThat(reminders(email)).hasSize(2);
    moveTo(cohort.startsAt().minus(Duration.ofHours(1)).plusSeconds(1));
    List<MimeMessage> reminders = reminders(email);
    assertThat(reminders).hasSize(3);
    assertThat(Mails.text(reminders.get(2))).contains("en 1 hora").contains("/courses/join/");

    moveTo(cohort.startsAt().plus(Duration.ofMinutes(5)));
    HttpResponse<String> join = http.get(joinLink, "es");
    assertThat(join.statusCode()).isEqualTo(303);
    assertThat(enrollments.require(key).attendedAt()).isNotNull();

    // after the session: who attended gets no replay, and the case ends
    moveTo(cohort.endsAt().plus(Duration.ofHours(3)));
    assertThat(Mails.to(email).stream().map(Mails::subject)).noneMatch(s -> s.startsWith("La grabación"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getEndTime()).isNotNull();
  }

  @Test
  void whoMissedTheLiveWebinarGetsTheReplay() {
    CourseFixtures fixtures = new CourseFixtures(catalog, enrollments, jdbc);
    Course course = fixtures.course("Webinar: IA para reclutamiento", 0);
    Cohort cohort = fixtures.cohort(course, null, "https://meet.example/reclutamiento", now);
    String email = "tiago-" + Long.toHexString(System.nanoTime()) + "@cliente.example";
    // enrolled three days before the session: the 7-day reminder is past and never sent
    ClockUtil.setCurrentTime(Date.from(cohort.startsAt().minus(Duration.ofDays(3))));
    Accepted accepted = (Accepted) enrollments.enroll(new EnrollmentRequest(cohort.code(), email, "Tiago Souza",
        Locale.forLanguageTag("pt-BR"), "BR", ZoneId.of("America/Sao_Paulo"), null));
    runDueJobs();
    assertThat(Mails.to(email).stream().map(Mails::subject)).containsExactly("Boas-vindas a " + course.title() + "!");
    assertThat(enrollments.require(accepted.enrollment().key()).lmsUserId()).isNull();

    moveTo(cohort.startsAt().minus(Duration.ofDays(1)).plusSeconds(1));
    moveTo(cohort.startsAt().minus(Duration.ofHours(1)).plusSeconds(1));
    assertThat(Mails.to(email).stream().map(Mails::subject).filter(s -> s.startsWith("Lembrete"))).hasSize(2);
    moveTo(cohort.endsAt().plus(Duration.ofHours(3)));
    MimeMessage replay = Mails.to(email).stream().filter(m -> Mails.subject(m).startsWith("A gravação")).findFirst()
        .orElseThrow();
    assertThat(Mails.text(replay)).contains("https://replay.example/" + course.slug());
  }

  private void moveTo(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    runDueJobs();
  }

  private static List<MimeMessage> reminders(String email) {
    return Mails.to(email).stream().filter(m -> Mails.subject(m).startsWith("Recordatorio")).toList();
  }

  /** The one mail to this learner with this subject (other tests of the JVM mail other learners). */
  private static MimeMessage only(String email, String subjectStart) {
    List<MimeMessage> found = Mails.to(email).stream().filter(m -> Mails.subject(m).startsWith(subjectStart)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
