package io.escala.demos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.demos.DemoBookings.Actor;
import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.NewBooking;
import io.escala.demos.DemoBookings.Outcome;
import io.escala.leads.LeadProcess;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.Mails;
import io.escala.support.TestMailServer;
import io.escala.support.TestOpenAi;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A demo through the running application: real SMTP (GreenMail) with the invites parsed back by ical4j, the LLM
 * through WireMock, the clock moved so every timer fires. Run on H2 and PostgreSQL.
 */
abstract class DemoFlowScenarios extends EscalaIntegrationTest {

  private static final String REP_EMAIL = "demo-sales@escala.local";
  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  @Autowired DemoBookings bookings;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;
  @Autowired DemoReps reps;
  @Autowired DemoCalendarEvents events;

  @BeforeEach
  void startClean() {
    ClockUtil.reset();
    // the one rep, with the default settings (other scenarios change them)
    reps.save(reps.defaults("demo-sales"));
    TestMailServer.purge();
    stubLanguageModel();
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(containing("repNotes"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion("{\"subject\":\"Obrigado pela demo, Ana\","
                + "\"body\":\"Olá, Ana!\\n\\nObrigado pela conversa sobre IA para 200 alunos.\\n\\nEnvio a proposta"
                + " esta semana.\"}"))));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static String uniqueEmail(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@lead.example";
  }

  /** Free starts at least two days ahead, so the 24-hour reminder is still to come. */
  private List<Instant> freeStarts() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<Instant> starts = bookings.slots(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(20))).starts();
    assertThat(starts).as("free demo slots").hasSizeGreaterThan(10);
    return starts;
  }

  private Booking book(String email, Instant start, String leadKey) {
    Outcome outcome = bookings.book(new NewBooking(UUID.randomUUID().toString(), start, email, "Ana Souza",
        "Academia Nova", null, Locale.forLanguageTag("pt-BR"), SAO_PAULO, leadKey, null));
    assertThat(outcome).isInstanceOf(Booked.class);
    return ((Booked) outcome).booking();
  }

  private ProcessInstance caseOf(Booking booking) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(DemoBookings.PROCESS_KEY)
        .processInstanceBusinessKey(booking.key()).singleResult();
  }

  private List<MimeMessage> mailsTo(String address, String subject) {
    return Mails.to(address).stream().filter(m -> Mails.subject(m).equals(subject)).toList();
  }

  private static VEvent event(Calendar calendar) {
    return calendar.getComponent(net.fortuna.ical4j.model.Component.VEVENT).map(VEvent.class::cast).orElseThrow();
  }

  private static Calendar invite(MimeMessage mail) throws Exception {
    String ics = Mails.part(mail, "text/calendar");
    assertThat(ics).as("an iCalendar part").isNotNull();
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static String prop(Calendar calendar, String name) {
    return calendar.getProperty(name).map(Property::getValue).orElse(null);
  }

  private static String prop(VEvent event, String name) {
    return event.getProperty(name).map(Property::getValue).orElse(null);
  }

  private static String utc(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
        .format(instant);
  }

  /** Moves the clock timer by timer up to {@code until}, running what each timer starts. */
  private void letTimePassUntil(Instant until) {
    runDueJobs();
    while (true) {
      Job next = managementService.createJobQuery().timers().duedateLowerThan(Date.from(until)).orderByJobDuedate()
          .asc().listPage(0, 1).stream().findFirst().orElse(null);
      if (next == null) {
        break;
      }
      if (next.getDuedate().after(ClockUtil.getCurrentTime())) {
        ClockUtil.setCurrentTime(new Date(next.getDuedate().getTime() + 1000));
      }
      runDueJobs();
    }
    ClockUtil.setCurrentTime(Date.from(until));
    runDueJobs();
  }

  @Test
  void theInviteCarriesOneUidARisingSequenceAndUtcTimesAndRemindersFollowTwoReschedules() throws Exception {
    String lead = uniqueEmail("ana");
    List<Instant> starts = freeStarts();
    Booking booking = book(lead, starts.get(0), null);
    assertThat(caseOf(booking)).as("the booking started its case").isNotNull();
    runDueJobs();

    MimeMessage confirmation = mailsTo(lead, "Sua demo da Escala está confirmada").get(0);
    Calendar first = invite(confirmation);
    VEvent firstEvent = event(first);
    assertThat(prop(first, Property.METHOD)).isEqualTo("REQUEST");
    String uid = prop(firstEvent, Property.UID);
    assertThat(uid).startsWith("demo-" + booking.key() + "@");
    assertThat(prop(firstEvent, Property.SEQUENCE)).isEqualTo("0");
    assertThat(prop(firstEvent, Property.DTSTART)).isEqualTo(utc(booking.start()));
    assertThat(prop(firstEvent, Property.DTEND)).isEqualTo(utc(booking.end()));
    assertThat(Mails.text(confirmation)).as("the time in the lead's zone, named")
        .contains(events.when(booking, Locale.forLanguageTag("pt-BR"), SAO_PAULO))
        .contains("São Paulo)");
    assertThat(mailsTo(REP_EMAIL, "Nueva demo agendada")).as("the rep's invite, in the team's language")
        .anyMatch(mail -> Mails.text(mail).contains("Ana Souza") && Mails.html(mail).contains("Ana Souza (Academia Nova)"));

    // rescheduled twice by the lead: each time a new invite with the same UID and a higher SEQUENCE
    Instant second = starts.get(3);
    Instant third = starts.get(7);
    for (Instant newStart : List.of(second, third)) {
      assertThat(bookings.reschedule(booking.key(), newStart, Actor.LEAD)).isInstanceOf(Booked.class);
      runDueJobs();
    }
    List<MimeMessage> updates = mailsTo(lead, "Novo horário para sua demo da Escala");
    assertThat(updates).hasSize(2);
    Calendar last = invite(updates.get(1));
    assertThat(prop(event(last), Property.UID)).isEqualTo(uid);
    assertThat(prop(event(last), Property.SEQUENCE)).isEqualTo("2");
    assertThat(prop(event(last), Property.DTSTART)).isEqualTo(utc(third));

    // every timer fires: the reminders state the last time only
    Booking moved = bookings.find(booking.key()).orElseThrow();
    letTimePassUntil(moved.end().plus(Duration.ofMinutes(1)));
    List<MimeMessage> reminders = mailsTo(lead, "Lembrete: sua demo da Escala");
    assertThat(reminders).as("24 h and 1 h before").hasSize(2);
    String finalTime = events.when(moved, Locale.forLanguageTag("pt-BR"), SAO_PAULO);
    for (MimeMessage reminder : reminders) {
      assertThat(Mails.text(reminder)).contains(finalTime)
          .doesNotContain(events.when(booking, Locale.forLanguageTag("pt-BR"), SAO_PAULO));
    }
    assertThat(Mails.text(reminders.get(0))).contains("24 horas");
    assertThat(Mails.text(reminders.get(1))).contains("60 minutos");

    // the rep records the outcome; the LLM drafts, the rep edits, the edited text goes out
    Task outcome = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    assertThat(outcome.getAssignee()).isEqualTo("demo-sales");
    assertThat(outcome.getName()).isEqualTo("Record demo outcome: Ana Souza · Academia Nova");
    assertThat(outcome.getDueDate()).isAfter(Date.from(moved.end()));
    taskService.complete(outcome.getId(), Map.of("outcome", "attended",
        "demoNotes", "Quer IA para 200 alunos; ligar para ana@academia.example", "nextStep", "proposal"));
    runDueJobs();
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    assertThat(taskService.getVariable(review.getId(), "followUpSubject")).isEqualTo("Obrigado pela demo, Ana");
    assertThat(TestOpenAi.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
            urlEqualTo("/v1/chat/completions")).withRequestBody(containing("repNotes"))))
        .as("the notes reach the LLM redacted").hasSize(1)
        .allSatisfy(request -> assertThat(request.getBodyAsString()).doesNotContain("ana@academia.example"));
    taskService.complete(review.getId(), Map.of("followUpSubject", "Proposta Escala para a Academia Nova",
        "followUpBody", "Olá, Ana!\n\nSegue a proposta que combinamos.", "sendFollowUp", true));
    runDueJobs();

    MimeMessage followUp = mailsTo(lead, "Proposta Escala para a Academia Nova").get(0);
    assertThat(Mails.text(followUp)).contains("Segue a proposta que combinamos.");
    assertThat(jdbc.sql("SELECT stage FROM crm_deal WHERE deal_key = ?").param("lead:" + lead).query(String.class)
        .single()).as("the lead's deal moved").isEqualTo("decision");
    assertThat(bookings.find(booking.key()).orElseThrow().status()).isEqualTo(Booking.Status.ATTENDED);
    assertThat(caseOf(booking)).as("the case ended").isNull();
  }

  @Test
  void aBookingFromALeadLinkReachesTheNurturingCaseAndDemoCompletedEndsIt() {
    String lead = uniqueEmail("bruno");
    ProcessInstance nurturing = runtimeService.createProcessInstanceByKey(LeadProcess.KEY).businessKey(lead)
        .startBeforeActivity("WaitForDemoOutcome").execute();
    Booking booking = book(lead, freeStarts().get(1), lead);
    runDueJobs();
    letTimePassUntil(booking.end().plus(Duration.ofMinutes(1)));
    Task outcome = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    taskService.complete(outcome.getId(), Map.of("outcome", "attended", "demoNotes", "Bom fit", "nextStep", "trial"));
    runDueJobs();
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    taskService.complete(review.getId(), Map.of("followUpSubject", "x", "followUpBody", "y", "sendFollowUp", false));
    runDueJobs();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(nurturing.getId()).count())
        .as("DemoCompleted ended the nurturing case").isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(nurturing.getId())
        .activityId("DemoBooked").count()).isEqualTo(1);
    assertThat(mailsTo(lead, "x")).as("the rep chose not to send").isEmpty();
  }

  @Test
  void aCancelledDemoSendsACancelWithTheSameUidAndLeavesNoTimer() throws Exception {
    String lead = uniqueEmail("carla");
    Booking booking = book(lead, freeStarts().get(2), null);
    runDueJobs();
    String uid = prop(event(invite(mailsTo(lead, "Sua demo da Escala está confirmada").get(0))), Property.UID);
    assertThat(bookings.cancel(booking.key(), Actor.LEAD)).isTrue();
    assertThat(bookings.cancel(booking.key(), Actor.LEAD)).as("a second click changes nothing").isFalse();
    runDueJobs();

    Calendar cancel = invite(mailsTo(lead, "Sua demo da Escala foi cancelada").get(0));
    assertThat(prop(cancel, Property.METHOD)).isEqualTo("CANCEL");
    assertThat(prop(event(cancel), Property.UID)).isEqualTo(uid);
    assertThat(prop(event(cancel), Property.SEQUENCE)).isEqualTo("1");
    assertThat(prop(event(cancel), Property.STATUS)).isEqualTo("CANCELLED");
    assertThat(mailsTo(REP_EMAIL, "Demo cancelada")).anyMatch(mail -> Mails.text(mail).contains("Ana Souza"));
    assertThat(caseOf(booking)).isNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM demo_rep_block WHERE booking_id = ?").param(booking.id())
        .query(Long.class).single()).as("the time is free again").isZero();
  }

  @Test
  void aNoShowGetsRebookingEmailsUntilTheyBookAgain() {
    String lead = uniqueEmail("diego");
    List<Instant> starts = freeStarts();
    Booking booking = book(lead, starts.get(4), null);
    runDueJobs();
    letTimePassUntil(booking.end().plus(Duration.ofMinutes(1)));
    Task outcome = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    taskService.complete(outcome.getId(), Map.of("outcome", "no-show", "demoNotes", "", "nextStep", "none"));
    runDueJobs();
    letTimePassUntil(booking.end().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(2)));

    List<MimeMessage> rebooking = mailsTo(lead, "Sentimos sua falta na demo: escolha outro horário");
    assertThat(rebooking).hasSize(1);
    assertThat(Mails.link(rebooking.get(0), "/book-demo?rebook=")).isNotBlank();
    assertThat(Mails.link(rebooking.get(0), "/demo/stop/")).isNotBlank();

    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant again = bookings.slots(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))).starts().get(0);
    Booking rebooked = book(lead, again, null);
    runDueJobs();
    assertThat(caseOf(booking)).as("booking again ended the rebooking sequence").isNull();
    String oldCase = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(booking.key())
        .singleResult().getId();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(oldCase)
        .activityId("LeadRebooked").count()).isEqualTo(1);
    assertThat(caseOf(rebooked)).isNotNull();
    bookings.cancel(rebooked.key(), Actor.REP);
    runDueJobs();
  }

  @Test
  void erasingAPersonRemovesTheirDemosAndTheirCasesAndFreesTheRepsTime() {
    String lead = uniqueEmail("fabio");
    Instant start = freeStarts().get(6);
    Booking booking = book(lead, start, null);
    runDueJobs();
    erasure.erase(lead.toUpperCase(Locale.ROOT));
    assertThat(bookings.find(booking.key())).isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(booking.key()).count())
        .as("running case and its history").isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM demo_rep_block WHERE booking_id = ?").param(booking.id())
        .query(Long.class).single()).isZero();
    assertThat(bookings.slots(start.minusSeconds(1), start.plusSeconds(1)).starts()).as("the slot is free again")
        .contains(start);
  }

  @Autowired io.escala.platform.CaseErasure erasure;

  @Test
  void timersFiredEarlyByAnOperatorSendEachReminderOnceAndThenWaitForTheEnd() {
    String lead = uniqueEmail("gabi");
    Booking booking = book(lead, freeStarts().get(8), null);
    runDueJobs();
    ProcessInstance demo = caseOf(booking);
    for (int fired = 0; fired < 2; fired++) {
      Job reminder = managementService.createJobQuery().processInstanceId(demo.getId()).timers().singleResult();
      managementService.executeJob(reminder.getId());
      runDueJobs();
    }
    assertThat(mailsTo(lead, "Lembrete: sua demo da Escala")).hasSize(2);
    Job next = managementService.createJobQuery().processInstanceId(demo.getId()).timers().singleResult();
    assertThat(next.getDuedate()).as("the end of the demo, not a third reminder").isEqualTo(Date.from(booking.end()));
    bookings.cancel(booking.key(), Actor.REP);
    runDueJobs();
  }

  @Test
  void aReminderNeverStatesAnOldTimeEvenWhenTheMoveArrivesWhileItIsDue() {
    String lead = uniqueEmail("elena");
    List<Instant> starts = freeStarts();
    Booking booking = book(lead, starts.get(5), null);
    runDueJobs();
    // the 24 h reminder is due, but before the job runs the demo moves
    ClockUtil.setCurrentTime(Date.from(booking.start().minus(Duration.ofHours(24)).plusSeconds(5)));
    Instant later = bookings.slots(booking.start().plus(Duration.ofDays(2)), booking.start().plus(Duration.ofDays(9)))
        .starts().get(0);
    assertThat(bookings.reschedule(booking.key(), later, Actor.REP)).isInstanceOf(Booked.class);
    runDueJobs();
    List<String> texts = new ArrayList<>();
    mailsTo(lead, "Lembrete: sua demo da Escala").forEach(mail -> texts.add(Mails.text(mail)));
    assertThat(texts).noneMatch(text -> text.contains(
        events.when(booking, Locale.forLanguageTag("pt-BR"), SAO_PAULO)));
    bookings.cancel(booking.key(), Actor.REP);
    runDueJobs();
  }
}
