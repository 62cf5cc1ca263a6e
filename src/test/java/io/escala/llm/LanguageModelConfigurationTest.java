package io.escala.llm;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LanguageModelConfigurationTest {

  private final WireMockServer openAi = new WireMockServer(options().dynamicPort());
  private final LlmTestDatabase database = new LlmTestDatabase();

  @BeforeEach
  void startServer() {
    openAi.start();
  }

  @AfterEach
  void stopServer() {
    openAi.stop();
    database.close();
  }

  @Test
  void blankApiKeySelectsTheOfflineModelWhichNeverCallsTheApi() {
    LanguageModel model = new LanguageModelConfiguration().languageModel(properties("  "), database.usageLog,
        database.answerCache);

    Generated<TicketSummary> generated =
        model.generate(TicketSummary.task(Map.of("message", "Hola, necesito ayuda")), "pi-1");

    assertThat(model).isInstanceOf(OfflineLanguageModel.class);
    assertThat(generated).isEqualTo(
        new Generated<>(new TicketSummary("Solicitud recibida", "other"), "fallback", "offline"));
    assertThat(openAi.getAllServeEvents()).isEmpty();
    assertThat(database.usageLog.callsOf("pi-1")).containsExactly(
        new LlmCall("support.ticket-summary", "pi-1", "offline", "fallback", 0, 0, 0, LlmCallOutcome.OFFLINE));
  }

  @Test
  void anApiKeySelectsOpenAi() {
    LanguageModel model = new LanguageModelConfiguration().languageModel(properties("sk-live"), database.usageLog,
        database.answerCache);

    assertThat(model).isInstanceOf(OpenAiLanguageModel.class);
    ((OpenAiLanguageModel) model).close();
  }

  @Test
  void propertiesNeverPrintTheApiKey() {
    assertThat(properties("sk-secret-value").toString()).doesNotContain("sk-secret-value").contains("apiKey=***");
  }

  private LlmProperties properties(String apiKey) {
    return new LlmProperties(apiKey, openAi.baseUrl() + "/v1", "gpt-4o-mini", Duration.ofSeconds(5), 0, 2, true,
        Duration.ofDays(7));
  }
}
