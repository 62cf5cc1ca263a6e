package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.CamundaFormFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The "Confirm transfer" forms against the delegates around the task: every variable {@code prepareTransferTask}
 * sets is shown read-only, every answer {@code confirmCourseTransfer} reads is a field staff can submit, nothing
 * else is submittable (TaskCompletionGuard lets a task set only its form's fields), and each form speaks its language.
 */
class ConfirmTransferFormsTest {

  private static final ObjectMapper json = new ObjectMapper();

  private static JsonNode form(String language) throws IOException {
    return json.readTree(Path.of("forms/course-confirm-transfer-" + language + ".form").toFile());
  }

  /** Keyed fields shown disabled: what the form displays and never submits. */
  private static Set<String> displayed(JsonNode form) {
    Set<String> keys = new TreeSet<>();
    form.path("components").forEach(component -> {
      if (component.hasNonNull("key") && component.path("disabled").asBoolean(false)) {
        keys.add(component.path("key").asText());
      }
    });
    return keys;
  }

  private static JsonNode field(JsonNode form, String key) {
    for (JsonNode component : form.path("components")) {
      if (key.equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new AssertionError("no field " + key);
  }

  /** Runs a delegate on a stand-in execution; returns the variables it set, and records the ones it read. */
  private static Map<String, Object> run(org.camunda.bpm.engine.delegate.JavaDelegate delegate,
      Map<String, Object> variables, Set<String> read) throws Exception {
    Map<String, Object> set = new HashMap<>();
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable(anyString())).thenAnswer(call -> {
      read.add(call.getArgument(0));
      return variables.get(call.<String>getArgument(0));
    });
    org.mockito.Mockito.doAnswer(call -> set.put(call.getArgument(0), call.getArgument(1)))
        .when(execution).setVariable(anyString(), any());
    delegate.execute(execution);
    return set;
  }

  @ParameterizedTest
  @CsvSource({"es", "pt-BR", "en"})
  void showsWhatThePreparingStepSetsAndSubmitsOnlyWhatTheConfirmingStepReads(String language) throws Exception {
    JsonNode form = form(language);
    assertThat(form.path("id").asText()).isEqualTo("course-confirm-transfer-" + language);

    CoursePayments payments = mock(CoursePayments.class);
    when(payments.transferDetails("k-1")).thenReturn(new CoursePayments.TransferDetails("Joana Conceição",
        "IA generativa", "2026-04-02 19:00 (America/Sao_Paulo)", "R$ 297,90 (BRL)", "K1ABCDEF"));
    Map<String, Object> shown = run(new PrepareTransferDelegate(payments), Map.of("enrollmentKey", "k-1"),
        new TreeSet<>());
    // everything but the task's name (transferLabel, shown in the task list) is a read-only field of the form
    Set<String> fields = new TreeSet<>(shown.keySet());
    fields.remove("transferLabel");
    assertThat(displayed(form)).isEqualTo(fields);
    assertThat(shown).containsEntry("transferLabel", "Joana Conceição · R$ 297,90 (BRL)");
    assertThat(shown).doesNotContainKeys("email", "payLink", "token");

    Set<String> read = new TreeSet<>();
    when(payments.confirmTransfer(anyString(), anyBoolean(), any())).thenReturn(true);
    run(new ConfirmTransferDelegate(payments), Map.of("enrollmentKey", "k-1", "transferReceived", "yes",
        "transferReference", "BANCO-0042"), read);
    read.remove("enrollmentKey"); // set when the case started, not by staff
    assertThat(CamundaFormFields.submittable(form))
        .containsExactlyInAnyOrder("transferReceived", "transferReference", "transferNote")
        .containsAll(read);

    JsonNode received = field(form, "transferReceived");
    assertThat(received.path("type").asText()).isEqualTo("radio");
    assertThat(received.path("validate").path("required").asBoolean()).isTrue();
    assertThat(received.path("values").findValuesAsText("value")).containsExactly("yes", "no");
    JsonNode reference = field(form, "transferReference");
    assertThat(reference.path("validate").path("required").asBoolean()).isTrue();
    // asked for only when the transfer arrived; a hidden field is neither validated nor submitted
    assertThat(reference.path("conditional").path("hide").asText()).isEqualTo("=transferReceived != \"yes\"");
    assertThat(reference.path("validate").path("maxLength").asInt()).isEqualTo(CoursePayments.MAX_BANK_REFERENCE);
    assertThat(field(form, "transferNote").path("validate").path("required").asBoolean(false)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "es    | ¿Llegó la transferencia? | Referencia del banco | Referencia a buscar   | Importe",
      "pt-BR | A transferência chegou?  | Referência do banco  | Referência a procurar | Valor",
      "en    | Did the transfer arrive? | Bank reference       | Reference to look for | Amount"})
  void speaksItsLanguage(String language, String receivedLabel, String referenceLabel, String codeLabel,
      String amountLabel) throws Exception {
    JsonNode form = form(language);
    assertThat(field(form, "transferReceived").path("label").asText()).isEqualTo(receivedLabel);
    assertThat(field(form, "transferReference").path("label").asText()).isEqualTo(referenceLabel);
    assertThat(field(form, "transferCode").path("label").asText()).isEqualTo(codeLabel);
    assertThat(field(form, "transferAmount").path("label").asText()).isEqualTo(amountLabel);
    Set<String> otherLanguages = new TreeSet<>(Set.of("¿Llegó la transferencia?", "A transferência chegou?",
        "Did the transfer arrive?", "Referencia del banco", "Referência do banco", "Bank reference"));
    otherLanguages.removeAll(Set.of(receivedLabel, referenceLabel));
    assertThat(form.toString()).doesNotContain(otherLanguages);
  }

  @Test
  void theConfirmingStepTellsTheDiagramWhetherTheTransferCounts() throws Exception {
    CoursePayments payments = mock(CoursePayments.class);
    when(payments.confirmTransfer("k-1", true, "BANCO-0042")).thenReturn(true);
    when(payments.confirmTransfer("k-2", false, null)).thenReturn(false);

    assertThat(run(new ConfirmTransferDelegate(payments), Map.of("enrollmentKey", "k-1", "transferReceived", "yes",
        "transferReference", "BANCO-0042"), new TreeSet<>())).containsEntry("transferConfirmed", true);
    assertThat(run(new ConfirmTransferDelegate(payments), Map.of("enrollmentKey", "k-2", "transferReceived", "no"),
        new TreeSet<>())).containsEntry("transferConfirmed", false);
    verify(payments).confirmTransfer("k-1", true, "BANCO-0042");
    verify(payments).confirmTransfer("k-2", false, null);
  }
}
