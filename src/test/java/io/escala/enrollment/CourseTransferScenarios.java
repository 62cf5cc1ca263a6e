package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.escala.payments.Money;
import io.escala.support.EscalaIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default installation (payments off): a bank transfer confirmed by staff through the delegates around the
 * "Confirm transfer" task, on the real tables; and what the card/Pix endpoints answer while payments are off.
 */
abstract class CourseTransferScenarios extends EscalaIntegrationTest {

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired EnrollmentLinks links;
  @Autowired JdbcClient jdbc;
  @Autowired @Qualifier("prepareTransferTask") JavaDelegate prepareTransferTask;
  @Autowired @Qualifier("confirmCourseTransfer") JavaDelegate confirmCourseTransfer;

  private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  private ReservedSeats.Reserved reserve(PaymentMethod method) {
    return new ReservedSeats(catalog, enrollments, jdbc).reserve(run, method, Money.of("1500", "MXN"), "es", "MX",
        ZoneId.of("America/Mexico_City"));
  }

  private static Map<String, Object> run(JavaDelegate delegate, Map<String, Object> variables) throws Exception {
    Map<String, Object> all = new HashMap<>(variables);
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable(anyString())).thenAnswer(call -> all.get(call.<String>getArgument(0)));
    org.mockito.Mockito.doAnswer(call -> all.put(call.getArgument(0), call.getArgument(1)))
        .when(execution).setVariable(anyString(), any());
    delegate.execute(execution);
    return all;
  }

  @Test
  void staffSeeWhatToLookForAndAConfirmedTransferCountsWithTheBanksReference() throws Exception {
    ReservedSeats.Reserved seat = reserve(PaymentMethod.TRANSFER);
    String key = seat.enrollment().key();

    Map<String, Object> shown = run(prepareTransferTask, Map.of("enrollmentKey", key));

    assertThat(shown).containsEntry("transferLearner", "Joana Conceição")
        .containsEntry("transferCourse", "IA generativa " + run)
        .containsEntry("transferAmount", "$1,500.00 (MXN)")
        .containsEntry("transferCode", key.substring(0, 8).toUpperCase(Locale.ROOT))
        .containsEntry("transferCohortStart", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .format(seat.cohort().startsAt().atZone(ZoneId.of("America/Mexico_City"))) + " (America/Mexico_City)");
    assertThat(CoursePayments.transferReference(seat.enrollment())).isEqualTo(shown.get("transferCode"));

    Map<String, Object> answered = new HashMap<>(shown);
    answered.putAll(Map.of("transferReceived", "yes", "transferReference", "  SPEI 0042-7781 "));
    assertThat(run(confirmCourseTransfer, answered)).containsEntry("transferConfirmed", true);

    Enrollment paid = enrollments.require(key);
    assertThat(paid.paidAt()).isNotNull();
    assertThat(paid.transferReference()).isEqualTo("SPEI 0042-7781");
  }

  @Test
  void aTransferThatDidNotArriveCountsNothing() throws Exception {
    ReservedSeats.Reserved seat = reserve(PaymentMethod.TRANSFER);

    assertThat(run(confirmCourseTransfer, Map.of("enrollmentKey", seat.enrollment().key(),
        "transferReceived", "no"))).containsEntry("transferConfirmed", false);

    Enrollment unpaid = enrollments.require(seat.enrollment().key());
    assertThat(unpaid.paidAt()).isNull();
    assertThat(unpaid.status()).isEqualTo(Enrollment.Status.RESERVED);
  }

  @Test
  void whilePaymentsAreOffNotificationsAreNotFoundAndThePayLinkSaysSo() throws Exception {
    for (String provider : new String[] {"mercadopago", "stripe"}) {
      HttpResponse<String> notification = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/payments/" + provider
                  + "?data.id=1316783547&type=payment"))
              .header("Content-Type", "application/json")
              .header("x-signature", "ts=1772463590,v1=" + "ab".repeat(32))
              .header("Stripe-Signature", "t=1772463590,v1=" + "ab".repeat(32))
              .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"payment\",\"data\":{\"id\":\"1316783547\"}}",
                  StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(notification.statusCode()).as(provider).isEqualTo(404);
    }

    ReservedSeats.Reserved seat = reserve(PaymentMethod.CARD);
    HttpResponse<String> pay = http.get(links.pay(seat.enrollment()), "en");
    assertThat(pay.statusCode()).isEqualTo(503);
    assertThat(pay.body()).contains("lang=\"es\"").contains("No pudimos abrir la página de pago");

    // a transfer has no payment page: the pay link says what to do instead
    ReservedSeats.Reserved transfer = reserve(PaymentMethod.TRANSFER);
    HttpResponse<String> instead = http.get(links.pay(transfer.enrollment()) + "?lang=en", "es");
    assertThat(instead.body()).contains("lang=\"en\"").contains("You chose to pay by bank transfer");
  }

  @Test
  void throughTheDiagramStaffConfirmTheTransferWithTheFormsFieldsOnly() {
    ReservedSeats.Reserved template = reserve(PaymentMethod.TRANSFER); // the course and cohort of this run
    Enrollments.Accepted accepted = (Enrollments.Accepted) enrollments.enroll(new Enrollments.EnrollmentRequest(
        template.cohort().code(), "Rafa." + run + "@Example.com", "Rafael Núñez", Locale.forLanguageTag("es"), "MX",
        ZoneId.of("America/Mexico_City"), PaymentMethod.TRANSFER));
    Enrollment enrollment = accepted.enrollment();
    runDueJobs();

    var runtime = processEngine.getRuntimeService();
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(enrollment.businessKey())
        .singleResult().getId();
    org.camunda.bpm.engine.task.Task task = processEngine.getTaskService().createTaskQuery()
        .processInstanceId(instance).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("ConfirmTransfer");
    assertThat(task.getName()).isEqualTo("Confirm transfer: Rafael Núñez · $1,500.00 (MXN)");
    assertThat(runtime.getVariable(instance, "transferCode"))
        .isEqualTo(CoursePayments.transferReference(enrollment));

    // a clerk of the task's group, through the REST API as Tasklist uses it
    String clerk = "clerk-" + run;
    String password = "Clerk-" + UUID.randomUUID();
    var identity = processEngine.getIdentityService();
    if (identity.createGroupQuery().groupId("course-admins").count() == 0) {
      identity.saveGroup(identity.newGroup("course-admins"));
    }
    var user = identity.newUser(clerk);
    user.setPassword(password);
    identity.saveUser(user);
    identity.createMembership(clerk, "course-admins");
    String complete = "/engine-rest/task/" + task.getId() + "/complete";

    HttpResponse<String> steered = http.rest("POST", complete, "{\"variables\":{"
        + "\"transferReceived\":{\"value\":\"yes\"},\"transferReference\":{\"value\":\"SPEI-1\"},"
        + "\"enrollmentKey\":{\"value\":\"someone-else\"}}}", clerk, password);
    assertThat(steered.statusCode()).as(steered.body()).isEqualTo(400);
    assertThat(steered.body()).contains("not a field of the form: enrollmentKey");

    HttpResponse<String> confirmed = http.rest("POST", complete, "{\"variables\":{"
        + "\"transferReceived\":{\"value\":\"yes\"},\"transferReference\":{\"value\":\"SPEI 0042-7781\"},"
        + "\"transferNote\":{\"value\":\"Llegó desde otra cuenta\"}}}", clerk, password);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
    var save = managementService.createJobQuery().processInstanceId(instance).activityId("SaveTransferDecision")
        .singleResult();
    managementService.executeJob(save.getId());

    Enrollment paid = enrollments.require(enrollment.key());
    assertThat(paid.paidAt()).isNotNull();
    assertThat(paid.transferReference()).isEqualTo("SPEI 0042-7781");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName("transferConfirmed").singleResult().getValue()).isEqualTo(true);
  }
}
