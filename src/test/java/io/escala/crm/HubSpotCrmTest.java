package io.escala.crm;

import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

class HubSpotCrmTest {

  private static final String TOKEN = "pat-na1-test-token";
  private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
  private static final String NOTES = "/crm/v3/objects/notes";
  private static final String GDPR_DELETE = "/crm/v3/objects/contacts/gdpr-delete";
  private static final String DEALS = "/crm/v3/objects/deals";

  private static final WireMockServer hubspot = new WireMockServer(wireMockConfig().dynamicPort());

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("crmtest");
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final HubSpotCrm crm = new HubSpotCrm(
      new CrmProperties.HubSpot(URI.create(hubspot.baseUrl()), TOKEN, Duration.ofSeconds(5)),
      RestClient.builder(),
      database.jdbc,
      database.transactionManager,
      clock);

  @BeforeAll
  static void startHubSpot() {
    hubspot.start();
  }

  @AfterAll
  static void stopHubSpot() {
    hubspot.stop();
  }

  @AfterEach
  void reset() {
    hubspot.resetAll();
    database.drop();
  }

  @Test
  void upsertsTheContactByEmailWithOnlyTheKnownProperties() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","new":true,
         "properties":{"email":"ana@example.com","lifecyclestage":"lead"}}]}""")));

    CrmContact contact = crm.upsertContact(new ContactData(
        " Ana@Example.com ", "Ana", "Souza", null, "BR", "pt-BR", LifecycleStage.LEAD, "customer-onboarding"));

    assertThat(contact).isEqualTo(new CrmContact("501", "ana@example.com", LifecycleStage.LEAD));
    hubspot.verify(1, postRequestedFor(urlEqualTo(UPSERT))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"inputs":[{"idProperty":"email","id":"ana@example.com","properties":{
              "email":"ana@example.com","firstname":"Ana","lastname":"Souza","country":"BR",
              "hs_language":"pt-br","lifecyclestage":"lead"}}]}""")));
  }

  @Test
  void settingTheStageSendsOnlyTheStage() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{"lifecyclestage":"customer"}}]}""")));

    crm.setLifecycleStage("Ana@example.com", LifecycleStage.CUSTOMER);

    hubspot.verify(1, postRequestedFor(urlEqualTo(UPSERT))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("""
            {"inputs":[{"idProperty":"email","id":"ana@example.com",
              "properties":{"lifecyclestage":"customer"}}]}""")));
  }

  @Test
  void logsAnActivityAsANoteAssociatedWithTheContactOncePerKey() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{"email":"ana@example.com"}}]}""")));
    hubspot.stubFor(post(NOTES).willReturn(aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"9001\",\"properties\":{}}")));
    String key = "pi-1:VerifyEmail:ex-1:ana@example.com";

    crm.logActivity("Ana@example.com", key, "note", "Asked for <b>pricing</b> & a demo");
    crm.logActivity("Ana@example.com", key, "note", "Asked for <b>pricing</b> & a demo");

    hubspot.verify(1, postRequestedFor(urlEqualTo(NOTES))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"properties":{
               "hs_note_body":"Asked for &lt;b&gt;pricing&lt;/b&gt; &amp; a demo",
               "hs_timestamp":"2025-03-01T12:00:00Z"},
             "associations":[{"to":{"id":"501"},
               "types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":202}]}]}""")));
    // the contact id came from one upsert; the repeated call sent nothing at all
    hubspot.verify(1, postRequestedFor(urlEqualTo(UPSERT))
        .withRequestBody(matchingJsonPath("$.inputs[0].properties.email", equalTo("ana@example.com"))));
    assertThat(database.jdbc.sql("SELECT external_id FROM crm_sync_key WHERE idempotency_key = :key")
            .param("key", key)
            .query(String.class)
            .single())
        .isEqualTo("9001");
  }

  @Test
  void theFirstDealCallCreatesTheDealOnTheContactAndLaterCallsPatchIt() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{"email":"ana@example.com"}}]}""")));
    hubspot.stubFor(post(DEALS).willReturn(aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"7001\",\"properties\":{\"dealstage\":\"qualifiedtobuy\"}}")));
    hubspot.stubFor(patch(urlEqualTo(DEALS + "/7001")).willReturn(okJson("{\"id\":\"7001\",\"properties\":{}}")));

    CrmDeal created = crm.upsertDeal(new DealData(
        "lead:ana@example.com", "Ana@Example.com", "Ana Souza: ai-courses", "qualification", "maria",
        "Wants a course for 20 people"));
    CrmDeal moved = crm.upsertDeal(new DealData(
        "lead:ana@example.com", "ana@example.com", "Ana Souza: ai-courses", "won", null, null));

    assertThat(created).isEqualTo(new CrmDeal("7001", "lead:ana@example.com", "qualification"));
    assertThat(moved).isEqualTo(new CrmDeal("7001", "lead:ana@example.com", "won"));
    hubspot.verify(1, postRequestedFor(urlEqualTo(DEALS))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"properties":{
               "dealname":"Ana Souza: ai-courses",
               "dealstage":"qualifiedtobuy",
               "pipeline":"default",
               "description":"Wants a course for 20 people\\n\\nEscala owner: maria"},
             "associations":[{"to":{"id":"501"},
               "types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]}""")));
    hubspot.verify(1, patchRequestedFor(urlEqualTo(DEALS + "/7001"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"properties":{"dealname":"Ana Souza: ai-courses","dealstage":"closedwon"}}""")));
    // the patch needs no contact lookup
    hubspot.verify(1, postRequestedFor(urlEqualTo(UPSERT)));
    assertThat(database.jdbc.sql("SELECT external_id FROM crm_sync_key WHERE idempotency_key = :key")
            .param("key", "deal:lead:ana@example.com")
            .query(String.class)
            .single())
        .isEqualTo("7001");
  }

  @Test
  void theDealKeySurvivesAFailedJobSoTheRetryPatchesInsteadOfCreating() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{}}]}""")));
    hubspot.stubFor(post(DEALS).willReturn(okJson("{\"id\":\"7001\"}")));
    hubspot.stubFor(patch(urlEqualTo(DEALS + "/7001")).willReturn(okJson("{\"id\":\"7001\"}")));
    DealData deal = new DealData("lead:ana@example.com", "ana@example.com", "Ana", "qualification", null, null);

    new TransactionTemplate(database.transactionManager)
        .executeWithoutResult(job -> {
          crm.upsertDeal(deal);
          job.setRollbackOnly();
        });
    crm.upsertDeal(deal);

    hubspot.verify(1, postRequestedFor(urlEqualTo(DEALS)));
    hubspot.verify(1, patchRequestedFor(urlEqualTo(DEALS + "/7001"))
        .withRequestBody(equalToJson("{\"properties\":{\"dealname\":\"Ana\",\"dealstage\":\"qualifiedtobuy\"}}")));
  }

  @Test
  void aDealDeletedInHubSpotIsCreatedAgain() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{}}]}""")));
    hubspot.stubFor(post(DEALS).willReturn(okJson("{\"id\":\"7001\"}")));
    DealData deal = new DealData("lead:ana@example.com", "ana@example.com", "Ana", "custom-stage-id", null, null);
    crm.upsertDeal(deal);
    hubspot.stubFor(patch(urlEqualTo(DEALS + "/7001")).willReturn(aResponse()
        .withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"message\":\"Object not found\",\"category\":\"OBJECT_NOT_FOUND\"}")));
    hubspot.stubFor(post(DEALS).willReturn(okJson("{\"id\":\"7002\"}")));

    CrmDeal again = crm.upsertDeal(deal);

    assertThat(again.externalId()).isEqualTo("7002");
    // an unknown stage is passed through as a HubSpot stage id
    hubspot.verify(2, postRequestedFor(urlEqualTo(DEALS))
        .withRequestBody(matchingJsonPath("$.properties.dealstage", equalTo("custom-stage-id"))));
  }

  @Test
  void aRefusedDealIsARejection() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{}}]}""")));
    hubspot.stubFor(post(DEALS).willReturn(aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"message\":\"Property values were not valid: dealstage\"}")));

    assertThatThrownBy(() -> crm.upsertDeal(
            new DealData("lead:ana@example.com", "ana@example.com", "Ana", "nope", null, null)))
        .isInstanceOfSatisfying(CrmRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("dealstage");
    assertThat(database.count("crm_sync_key")).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503})
  void rateLimitsAndServerErrorsAreRetryable(int status) {
    hubspot.stubFor(post(UPSERT).willReturn(aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"message\":\"Try again later\",\"category\":\"RATE_LIMITS\"}")));

    assertThatThrownBy(() -> crm.setLifecycleStage("ana@example.com", LifecycleStage.LEAD))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageContaining(String.valueOf(status))
        .hasMessageContaining("Try again later")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aBrokenConnectionIsRetryable() {
    hubspot.stubFor(post(UPSERT).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> crm.setLifecycleStage("ana@example.com", LifecycleStage.LEAD))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aValidationErrorIsARejectionWithHubSpotsMessage() {
    hubspot.stubFor(post(UPSERT).willReturn(aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"status":"error","message":"Property values were not valid: lifecyclestage 'x' is not a valid option",
             "correlationId":"c0ffee","category":"VALIDATION_ERROR"}""")));

    assertThatThrownBy(() -> crm.setLifecycleStage("ana@example.com", LifecycleStage.LEAD))
        .isInstanceOfSatisfying(CrmRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("Property values were not valid: lifecyclestage 'x' is not a valid option")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aFailedInputInAMultiStatusAnswerIsARejection() {
    hubspot.stubFor(post(UPSERT).willReturn(aResponse()
        .withStatus(207)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"status":"COMPLETE","results":[],"numErrors":1,
             "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"Email address is invalid"}]}""")));

    assertThatThrownBy(() -> crm.upsertContact(
            new ContactData("ana@example.com", null, null, null, null, null, null, null)))
        .isInstanceOf(CrmRejectedException.class)
        .hasMessageContaining("Email address is invalid");
  }

  @Test
  void erasureUsesGdprDeleteByEmailAndForgetsTheSyncKeys() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{}}]}""")));
    hubspot.stubFor(post(NOTES).willReturn(okJson("{\"id\":\"9001\"}")));
    hubspot.stubFor(post(GDPR_DELETE).willReturn(aResponse().withStatus(204)));
    crm.logActivity("ana@example.com", "key-ana", "note", "Signed up");

    crm.deleteContact(" ANA@example.com");

    hubspot.verify(1, postRequestedFor(urlEqualTo(GDPR_DELETE))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("{\"objectId\":\"ana@example.com\",\"idProperty\":\"email\"}")));
    assertThat(database.count("crm_sync_key")).isZero();
  }

  @Test
  void erasureArchivesTheContactsDealsBeforeTheGdprDelete() {
    hubspot.stubFor(post(UPSERT).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{}}]}""")));
    hubspot.stubFor(post(DEALS).willReturn(okJson("{\"id\":\"7001\"}")));
    hubspot.stubFor(delete(urlEqualTo(DEALS + "/7001")).willReturn(aResponse().withStatus(204)));
    hubspot.stubFor(post(GDPR_DELETE).willReturn(aResponse().withStatus(204)));
    crm.upsertDeal(new DealData("lead:ana@example.com", "ana@example.com", "Ana", "qualification", null, null));

    crm.deleteContact("Ana@example.com");

    hubspot.verify(1, deleteRequestedFor(urlEqualTo(DEALS + "/7001"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    hubspot.verify(1, postRequestedFor(urlEqualTo(GDPR_DELETE)));
    assertThat(database.count("crm_sync_key")).isZero();
  }

  @Test
  void erasingAContactHubSpotDoesNotKnowIsNotAnError() {
    hubspot.stubFor(post(GDPR_DELETE).willReturn(aResponse()
        .withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"message\":\"resource not found\",\"category\":\"OBJECT_NOT_FOUND\"}")));

    crm.deleteContact("nobody@example.com");

    hubspot.verify(1, postRequestedFor(urlEqualTo(GDPR_DELETE)));
  }

  @Test
  void aBlankTokenIsRefusedWithAClearMessage() {
    CrmProperties.HubSpot settings = new CrmProperties.HubSpot(URI.create(hubspot.baseUrl()), "  ", Duration.ofSeconds(5));

    assertThatThrownBy(() -> new HubSpotCrm(
            settings, RestClient.builder(), database.jdbc, database.transactionManager, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("escala.crm.hubspot.access-token");
  }

  @Test
  void theSettingsNeverPrintTheToken() {
    CrmProperties.HubSpot settings = new CrmProperties.HubSpot(URI.create(hubspot.baseUrl()), TOKEN, Duration.ofSeconds(5));

    assertThat(settings.toString()).doesNotContain(TOKEN);
  }
}
