package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class GenerateTextDelegateTest {

  private final LanguageModel languageModel = mock(LanguageModel.class);
  private final DelegateExecution execution = mock(DelegateExecution.class);
  private final Map<String, Object> localVariables = new HashMap<>();
  private final Map<String, Object> processVariables = new HashMap<>();
  private LlmTestDatabase database;

  @BeforeEach
  void execution() {
    when(execution.getProcessInstanceId()).thenReturn("pi-100");
    when(execution.getCurrentActivityId()).thenReturn("WriteWelcome");
    when(execution.getVariableLocal(anyString())).thenAnswer(call -> localVariables.get(call.<String>getArgument(0)));
    when(execution.getVariable(anyString())).thenAnswer(call -> processVariables.get(call.<String>getArgument(0)));
    localVariables.put("promptId", "llmtest.welcome");
    localVariables.put("outputVariable", "welcomeText");
    localVariables.put("inputVariables", " firstName, goal ,language");
    processVariables.put("firstName", "Ana");
    processVariables.put("goal", "Vender cursos online. Mi WhatsApp es +55 11 98765-4321 e CPF 123.456.789-09.");
    processVariables.put("language", "pt-BR");
  }

  @AfterEach
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void givesTheModelRedactedDataAndStoresItsText() {
    ArgumentCaptor<StructuredTask<GeneratedText>> task = ArgumentCaptor.forClass(StructuredTask.class);
    when(languageModel.generate(task.capture(), eq("pi-100"))).thenAnswer(
        call -> new Generated<>(new GeneratedText("Que bom ter você na Escala, Ana!"), "llm", "gpt-4o-mini"));

    delegate(languageModel).execute(execution);

    verify(execution).setVariable("welcomeText", "Que bom ter você na Escala, Ana!");
    verify(execution).setVariable("welcomeTextGeneratedBy", "llm");
    StructuredTask<GeneratedText> sent = task.getValue();
    assertThat(sent.id()).isEqualTo("llmtest.welcome");
    assertThat(sent.instructions()).startsWith("You write the first lines of a welcome e-mail");
    assertThat(sent.input()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "firstName", "Ana",
        "goal", "Vender cursos online. Mi WhatsApp es [phone] e CPF [id].",
        "language", "pt-BR"));
    assertThat(sent.validate(new GeneratedText("x".repeat(1200)))).isEmpty();
    assertThat(sent.validate(new GeneratedText("x".repeat(1201)))).isNotEmpty();
    assertThat(sent.fallback()).isEqualTo(
        new GeneratedText("Hola Ana, gracias por elegir Escala. Pronto te escribimos sobre tu objetivo."));
  }

  @Test
  void offlineTheFallbackTemplateIsFilledFromTheVariables() {
    database = new LlmTestDatabase();
    localVariables.put("maxChars", "300");

    delegate(new OfflineLanguageModel(database.usageLog)).execute(execution);

    verify(execution).setVariable("welcomeText",
        "Hola Ana, gracias por elegir Escala. Pronto te escribimos sobre tu objetivo.");
    verify(execution).setVariable("welcomeTextGeneratedBy", "fallback");
    assertThat(database.usageLog.callsOf("pi-100")).extracting(LlmCall::taskId, LlmCall::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("llmtest.welcome", LlmCallOutcome.OFFLINE));
  }

  @Test
  @SuppressWarnings("unchecked")
  void maxCharsComesFromTheInputParameter() {
    localVariables.put("maxChars", "300");
    ArgumentCaptor<StructuredTask<GeneratedText>> task = ArgumentCaptor.forClass(StructuredTask.class);
    when(languageModel.generate(task.capture(), anyString())).thenAnswer(
        call -> new Generated<>(new GeneratedText("Olá!"), "llm", "gpt-4o-mini"));

    delegate(languageModel).execute(execution);

    assertThat(task.getValue().validate(new GeneratedText("x".repeat(300)))).isEmpty();
    assertThat(task.getValue().validate(new GeneratedText("x".repeat(301)))).isNotEmpty();
  }

  @Test
  void missingParametersAreModellingErrors() {
    localVariables.remove("outputVariable");

    assertThatThrownBy(() -> delegate(languageModel).execute(execution))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WriteWelcome").hasMessageContaining("outputVariable");

    localVariables.put("outputVariable", "welcomeText");
    localVariables.put("promptId", "");
    assertThatThrownBy(() -> delegate(languageModel).execute(execution))
        .hasMessageContaining("promptId");

    localVariables.put("promptId", "../application");
    assertThatThrownBy(() -> delegate(languageModel).execute(execution))
        .hasMessageContaining("Invalid promptId");

    localVariables.put("promptId", "llmtest.welcome");
    localVariables.put("maxChars", "mil");
    assertThatThrownBy(() -> delegate(languageModel).execute(execution))
        .hasMessageContaining("maxChars");
    verify(languageModel, never()).generate(any(), anyString());
  }

  @Test
  void aFallbackPlaceholderTheStepDoesNotPassFailsBeforeCallingTheModel() {
    localVariables.put("promptId", "llmtest.broken");
    localVariables.put("inputVariables", "firstName");

    assertThatThrownBy(() -> delegate(languageModel).execute(execution))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${planName}");
    verify(languageModel, never()).generate(any(), anyString());
  }

  @Test
  void anUnknownPromptIsReportedByItsFileName() {
    localVariables.put("promptId", "llmtest.missing");

    assertThatThrownBy(() -> delegate(languageModel).execute(execution))
        .hasMessageContaining("prompts/llmtest.missing.txt");
  }

  private GenerateTextDelegate delegate(LanguageModel model) {
    return new GenerateTextDelegate(new TextGenerator(model, new PromptLibrary(), new PersonalDataRedactor()));
  }
}
