package io.escala.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.escala.platform.NonRetryableException;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhatsAppCloudApiTest {

  private static final String TOKEN = "EAAG-system-user-token";
  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final String MESSAGES = "/v26.0/" + PHONE_NUMBER_ID + "/messages";
  private static final String ANA = "+5215512345678";

  private static final WireMockServer meta = new WireMockServer(wireMockConfig().dynamicPort());

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("whatsapptest");
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T12:00:00Z"));
  private final WhatsAppCloudApi whatsApp = whatsApp(Duration.ofSeconds(2));

  @BeforeAll
  static void startMeta() {
    meta.start();
  }

  @AfterAll
  static void stopMeta() {
    meta.stop();
  }

  @AfterEach
  void reset() {
    meta.resetAll();
    database.drop();
  }

  private WhatsAppCloudApi whatsApp(Duration timeout) {
    return new WhatsAppCloudApi(
        new WhatsAppProperties(true, URI.create(meta.baseUrl()), "v26.0", PHONE_NUMBER_ID, TOKEN, timeout, null),
        database.jdbc, database.transactionManager, clock);
  }

  private static void metaAccepts(String wamid) {
    meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
        {"messaging_product":"whatsapp","contacts":[{"input":"5215512345678","wa_id":"5215512345678"}],
         "messages":[{"id":"%s"}]}""".formatted(wamid))));
  }

  private static TemplateMessage reminder(String key, Locale language) {
    return new TemplateMessage(key, ANA, "demo_reminder", language, List.of("Ana", "martes 4 de marzo, 11:00"),
        "Ana@Example.com");
  }

  @Test
  void sendsTheTemplateWithItsParametersAndRecordsMetasId() {
    metaAccepts("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");

    WhatsAppReceipt receipt = whatsApp.sendTemplate(reminder("pi-1:RemindDemo:ana", Locale.forLanguageTag("es")));

    assertThat(receipt).isEqualTo(new WhatsAppReceipt(
        "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA", WhatsAppReceipt.Status.SENT));
    meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5215512345678","type":"template",
             "template":{"name":"demo_reminder","language":{"code":"es_MX"},
               "components":[{"type":"body","parameters":[
                 {"type":"text","text":"Ana"},{"type":"text","text":"martes 4 de marzo, 11:00"}]}]}}""")));
    Map<String, Object> row = database.jdbc.sql("SELECT * FROM whatsapp_message").query().singleRow();
    assertThat(row)
        .containsEntry("IDEMPOTENCY_KEY", "pi-1:RemindDemo:ana")
        .containsEntry("TO_PHONE", ANA)
        .containsEntry("RECIPIENT_EMAIL", "ana@example.com")
        .containsEntry("TEMPLATE", "demo_reminder")
        .containsEntry("LANGUAGE", "es_MX")
        .containsEntry("STATUS", "SENT")
        .containsEntry("WAMID", "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA")
        .containsEntry("ATTEMPTS", 1);
    assertThat(row.get("SENT_AT")).isNotNull();
  }

  @ParameterizedTest
  @CsvSource({"es, es_MX", "es-AR, es_AR", "es-CO, es_MX", "pt-BR, pt_BR", "pt, pt_BR", "en, en_US", "en-GB, en_GB",
      "fr, fr"})
  void theLocaleBecomesWhatsAppsLanguageCode(String tag, String code) {
    metaAccepts("wamid.1");

    whatsApp.sendTemplate(reminder("key-" + tag, Locale.forLanguageTag(tag)));

    meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
        .withRequestBody(matchingJsonPath("$.template.language.code", equalTo(code))));
  }

  @Test
  void aConfiguredLanguageCodeWinsForTemplatesApprovedInAnotherVariant() {
    assertThat(WhatsAppCloudApi.languageCode(Locale.forLanguageTag("es-MX"), Map.of("es", "es"))).isEqualTo("es");
    assertThat(WhatsAppCloudApi.languageCode(Locale.forLanguageTag("pt-BR"), Map.of("pt-BR", "pt_PT")))
        .isEqualTo("pt_PT");
  }

  @Test
  void parametersLoseTheLineBreaksWhatsAppRefuses() {
    metaAccepts("wamid.1");

    whatsApp.sendTemplate(new TemplateMessage("k", ANA, "demo_reminder", Locale.ENGLISH,
        List.of("Ana\nSouza", "Tue\t 4      March")));

    meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
        .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text", equalTo("Ana Souza")))
        .withRequestBody(matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("Tue 4 March"))));
  }

  @Test
  void aTemplateWithoutParametersSendsNoComponents() {
    metaAccepts("wamid.1");

    whatsApp.sendTemplate(new TemplateMessage("k", ANA, "hello_world", Locale.US, List.of()));

    meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"5215512345678","type":"template",
         "template":{"name":"hello_world","language":{"code":"en_US"}}}""")));
  }

  @Test
  void aKeyAlreadySentIsADuplicateAndCallsNobody() {
    metaAccepts("wamid.first");
    TemplateMessage message = reminder("pi-1:RemindDemo:ana", Locale.forLanguageTag("pt-BR"));

    WhatsAppReceipt first = whatsApp.sendTemplate(message);
    WhatsAppReceipt second = whatsApp.sendTemplate(message);

    assertThat(first.status()).isEqualTo(WhatsAppReceipt.Status.SENT);
    assertThat(second).isEqualTo(new WhatsAppReceipt("wamid.first", WhatsAppReceipt.Status.DUPLICATE));
    meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(database.count("whatsapp_message")).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
      "131026, Message undeliverable",
      "132001, Template name does not exist in the translation",
      "100, Invalid parameter"})
  void aNumberOrTemplateWhatsAppRefusesIsANonRetryableRefusal(int code, String title) {
    meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"error":{"message":"(#%d) %s","type":"OAuthException","code":%d,
              "error_data":{"messaging_product":"whatsapp","details":"%s"},
              "error_subcode":2494010,"fbtrace_id":"AbCdEf123"}}""".formatted(code, title, code, title))));

    assertThatThrownBy(() -> whatsApp.sendTemplate(reminder("k", Locale.ENGLISH)))
        .isInstanceOf(WhatsAppRefusedException.class)
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("code " + code)
        .hasMessageContaining(title)
        .hasMessageContaining("AbCdEf123")
        .satisfies(e -> assertThat(((WhatsAppRefusedException) e).errorCode()).isEqualTo(code))
        .message().doesNotContain(TOKEN, "5512345678");
    assertThat(database.jdbc.sql("SELECT status FROM whatsapp_message").query(String.class).single())
        .isEqualTo("FAILED");
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 503})
  void throttlingAndServerErrorsAreRetryableAndTheRetrySends(int status) {
    meta.stubFor(post(urlEqualTo(MESSAGES)).inScenario("retry").willReturn(aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                + "\"code\":130429,\"fbtrace_id\":\"X\"}}"))
        .willSetStateTo("recovered"));
    meta.stubFor(post(urlEqualTo(MESSAGES)).inScenario("retry").whenScenarioStateIs("recovered")
        .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.second\"}]}")));
    TemplateMessage message = reminder("k", Locale.ENGLISH);

    assertThatThrownBy(() -> whatsApp.sendTemplate(message))
        .isInstanceOf(WhatsAppUnavailableException.class)
        .isNotInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP " + status);
    WhatsAppReceipt retried = whatsApp.sendTemplate(message);

    assertThat(retried).isEqualTo(new WhatsAppReceipt("wamid.second", WhatsAppReceipt.Status.SENT));
    assertThat(database.jdbc.sql("SELECT attempts FROM whatsapp_message").query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void aRateLimitCodeIsRetryableEvenWithA400() {
    meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"(#131056) (Business Account, Consumer Account) pair rate limit hit\","
            + "\"type\":\"OAuthException\",\"code\":131056}}")));

    assertThatThrownBy(() -> whatsApp.sendTemplate(reminder("k", Locale.ENGLISH)))
        .isInstanceOf(WhatsAppUnavailableException.class);
  }

  @Test
  void aSlowAnswerBeyondTheTimeoutIsRetryable() {
    WhatsAppCloudApi impatient = whatsApp(Duration.ofMillis(300));
    meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"messages\":[{\"id\":\"wamid.late\"}]}")
        .withFixedDelay(2_000)));

    assertThatThrownBy(() -> impatient.sendTemplate(reminder("k", Locale.ENGLISH)))
        .isInstanceOf(WhatsAppUnavailableException.class)
        .hasMessageContaining("did not answer within 300 ms");
  }

  @Test
  void aDroppedConnectionIsRetryable() {
    meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> whatsApp.sendTemplate(reminder("k", Locale.ENGLISH)))
        .isInstanceOf(WhatsAppUnavailableException.class)
        .hasMessageContaining("could not be reached");
  }

  @Test
  void aKeyBeingSentByAnotherAttemptIsLeftAloneUntilItsLeaseRunsOut() {
    metaAccepts("wamid.taken-over");
    TemplateMessage message = reminder("k", Locale.ENGLISH);
    database.jdbc.sql("""
            INSERT INTO whatsapp_message (idempotency_key, to_phone, template, language, status, attempts,
                                          created_at, claimed_at)
            VALUES ('k', :phone, 'demo_reminder', 'en_US', 'SENDING', 1, :at, :at)""")
        .param("phone", ANA)
        .param("at", clock.instant().atOffset(java.time.ZoneOffset.UTC))
        .update();

    assertThatThrownBy(() -> whatsApp.sendTemplate(message))
        .isInstanceOf(WhatsAppUnavailableException.class)
        .hasMessageContaining("being sent by another attempt");
    meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));

    clock.advance(WhatsAppMessageStore.SENDING_LEASE.plusSeconds(1));
    WhatsAppReceipt taken = whatsApp.sendTemplate(message);

    assertThat(taken.status()).isEqualTo(WhatsAppReceipt.Status.SENT);
    meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(database.jdbc.sql("SELECT recovered_at FROM whatsapp_message").query(Object.class).single())
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5215512345678", "+52 55 1234 5678", "+0215512345678", "+1234567", "+1234567890123456", ""})
  void aNumberThatIsNotE164IsRefusedBeforeAnythingIsRecorded(String phone) {
    assertThatThrownBy(() -> whatsApp.sendTemplate(
            new TemplateMessage("k", phone, "demo_reminder", Locale.ENGLISH, List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("E.164");
    assertThat(database.count("whatsapp_message")).isZero();
    meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void erasingThePersonByEmailOrNumberDeletesTheirMessages() {
    metaAccepts("wamid.1");
    whatsApp.sendTemplate(reminder("with-email", Locale.ENGLISH));
    whatsApp.sendTemplate(new TemplateMessage("without-email", "+5511987654321", "demo_reminder", Locale.ENGLISH,
        List.of()));
    WhatsAppPersonalData personalData = new WhatsAppPersonalData(database.jdbc);

    personalData.erase("ana@example.com");
    assertThat(database.jdbc.sql("SELECT idempotency_key FROM whatsapp_message").query(String.class).list())
        .containsExactly("without-email");

    assertThat(personalData.erasePhone("+5511987654321")).isEqualTo(1);
    assertThat(database.count("whatsapp_message")).isZero();
  }
}
