package io.escala.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.MissingSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.HtmlUtils;

/**
 * HubSpot CRM v3 through a private-app token. Contacts are upserted by e-mail (HubSpot's batch upsert is idempotent
 * by {@code idProperty=email}); activities become notes, sent once per idempotency key as recorded in
 * {@code crm_sync_key}; deals are created once per deal key (the key and HubSpot's deal id recorded in
 * {@code crm_sync_key} as {@code deal:<key>}) and patched afterwards.
 *
 * <p>HubSpot's deal owner ({@code hubspot_owner_id}) is a HubSpot user id Escala does not know, so the Escala owner is
 * written into the deal description instead.
 */
public class HubSpotCrm implements Crm {

  private static final Logger log = LoggerFactory.getLogger(HubSpotCrm.class);

  /** HubSpot-defined association type "note to contact". */
  private static final int NOTE_TO_CONTACT = 202;

  /** HubSpot-defined association type "deal to contact". */
  private static final int DEAL_TO_CONTACT = 3;

  /** Keys of deals in crm_sync_key, apart from the note keys. */
  private static final String DEAL_KEY_PREFIX = "deal:";

  /** Escala's deal stages as the stage ids of HubSpot's default sales pipeline. */
  private static final Map<String, String> DEFAULT_PIPELINE_STAGES = Map.of(
      "demo-scheduled", "appointmentscheduled",
      "qualification", "qualifiedtobuy",
      "presentation", "presentationscheduled",
      "decision", "decisionmakerboughtin",
      "contract-sent", "contractsent",
      "won", "closedwon",
      "lost", "closedlost");

  private static final int MAX_MESSAGE_LENGTH = 500;

  private final RestClient http;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final ObjectMapper errorReader = new ObjectMapper();

  public HubSpotCrm(
      CrmProperties.HubSpot settings,
      RestClient.Builder restClientBuilder,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    if (!settings.hasAccessToken()) {
      // One line at start-up naming the setting (StartupFailureAnalyzers.MissingSetting).
      throw new MissingSettingException("escala.crm.hubspot.access-token",
          "escala.crm.provider is hubspot, so set ESCALA_CRM_HUBSPOT_ACCESSTOKEN to a HubSpot private-app token,"
              + " or use escala.crm.provider=builtin");
    }
    // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade (h2c) lost POST bodies against WireMock's Jetty; HubSpot
    // serves HTTP/1.1 as well, and one protocol everywhere keeps tests and production alike
    HttpClient httpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .build();
    JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
    requestFactory.setReadTimeout(settings.timeout());
    this.http = restClientBuilder
        .baseUrl(settings.baseUrl().toString())
        .requestFactory(requestFactory)
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken().trim())
        .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
        .defaultStatusHandler(HttpStatusCode::isError, this::raise)
        .build();
    this.jdbc = jdbc;
    // A note exists in HubSpot once the POST succeeded, whatever becomes of the job's own transaction;
    // so its key is committed on its own, and a job retried after a later failure does not post it again.
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  @Override
  public CrmContact upsertContact(ContactData data) {
    String email = ContactEmail.normalize(data.email());
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("email", email);
    putPresent(properties, "firstname", data.firstName());
    putPresent(properties, "lastname", data.lastName());
    putPresent(properties, "company", data.company());
    putPresent(properties, "country", data.country());
    putPresent(properties, "hs_language", hubspotLanguage(data.language()));
    if (data.stage() != null) {
      properties.put("lifecyclestage", data.stage().hubspotValue());
    }
    JsonNode contact = upsert(email, properties);
    return new CrmContact(contact.path("id").asText(), email, stageOf(contact, data.stage()));
  }

  @Override
  public void setLifecycleStage(String email, LifecycleStage stage) {
    upsert(ContactEmail.normalize(email), Map.of("lifecyclestage", stage.hubspotValue()));
  }

  @Override
  public void logActivity(String email, String idempotencyKey, String type, String text) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("An activity needs an idempotency key");
    }
    String normalized = ContactEmail.normalize(email);
    if (alreadySent(idempotencyKey)) {
      log.debug("CRM activity already in HubSpot, not sent again");
      return;
    }
    // the upsert doubles as the id lookup, and creates the contact if a process logs before it upserts
    String contactId = upsert(normalized, Map.of("email", normalized)).path("id").asText();
    Map<String, Object> note = Map.of(
        "properties", Map.of(
            "hs_note_body", noteBody(type, text),
            "hs_timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()),
        "associations", List.of(Map.of(
            "to", Map.of("id", contactId),
            "types", List.of(Map.of(
                "associationCategory", "HUBSPOT_DEFINED",
                "associationTypeId", NOTE_TO_CONTACT)))));
    JsonNode created = call(() -> http.post()
        .uri("/crm/v3/objects/notes")
        .contentType(MediaType.APPLICATION_JSON)
        .body(note)
        .retrieve()
        .body(JsonNode.class));
    String noteId = created == null ? null : created.path("id").asText(null);
    log.info("CRM note {} logged in HubSpot on contact {}", noteId, contactId);
    remember(idempotencyKey, normalized, noteId);
  }

  @Override
  public CrmDeal upsertDeal(DealData deal) {
    String syncKey = DEAL_KEY_PREFIX + deal.dealKey();
    String email = ContactEmail.normalize(deal.contactEmail());
    String dealId = knownExternalId(syncKey);
    if (dealId != null && patchDeal(dealId, deal)) {
      return new CrmDeal(dealId, deal.dealKey(), deal.stage());
    }
    if (dealId != null) {
      // Deleted in HubSpot by someone: forget it and open the deal again. In its own transaction, like the insert
      // in remember(): deleting in the job's transaction would leave a row lock that remember() then waits for.
      log.info("HubSpot deal {} is gone, creating it again", dealId);
      ownTransaction.executeWithoutResult(status ->
          jdbc.sql("DELETE FROM crm_sync_key WHERE idempotency_key = :key").param("key", syncKey).update());
    }
    String contactId = upsert(email, Map.of("email", email)).path("id").asText();
    Map<String, String> properties = dealProperties(deal);
    properties.put("pipeline", "default");
    Map<String, Object> body = Map.of(
        "properties", properties,
        "associations", List.of(Map.of(
            "to", Map.of("id", contactId),
            "types", List.of(Map.of(
                "associationCategory", "HUBSPOT_DEFINED",
                "associationTypeId", DEAL_TO_CONTACT)))));
    JsonNode created = call(() -> http.post()
        .uri("/crm/v3/objects/deals")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(JsonNode.class));
    String createdId = created == null ? null : created.path("id").asText(null);
    if (createdId == null) {
      throw new CrmUnavailableException("HubSpot answered the deal creation without a deal id");
    }
    log.info("CRM deal {} created in HubSpot on contact {}", createdId, contactId);
    remember(syncKey, email, createdId);
    return new CrmDeal(createdId, deal.dealKey(), deal.stage());
  }

  /** @return false when HubSpot no longer knows the deal */
  private boolean patchDeal(String dealId, DealData deal) {
    boolean[] gone = {false};
    call(() -> http.patch()
        .uri("/crm/v3/objects/deals/{dealId}", dealId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", dealProperties(deal)))
        .retrieve()
        .onStatus(status -> status.value() == 404, (request, response) -> gone[0] = true)
        .toBodilessEntity());
    return !gone[0];
  }

  private static Map<String, String> dealProperties(DealData deal) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("dealname", deal.name());
    properties.put("dealstage", DEFAULT_PIPELINE_STAGES.getOrDefault(deal.stage(), deal.stage()));
    String description = dealDescription(deal);
    if (description != null) {
      properties.put("description", description);
    }
    return properties;
  }

  /** Deal descriptions are plain text in HubSpot; the Escala owner goes there for want of a HubSpot owner id. */
  private static String dealDescription(DealData deal) {
    String description = deal.description() == null || deal.description().isBlank() ? null : deal.description().trim();
    String owner = deal.ownerUserId() == null || deal.ownerUserId().isBlank() ? null : deal.ownerUserId().trim();
    if (owner == null) {
      return description;
    }
    String ownerLine = "Escala owner: " + owner;
    return description == null ? ownerLine : description + "\n\n" + ownerLine;
  }

  /**
   * GDPR delete: HubSpot removes the contact and what hangs on it. HubSpot may also block-list an unknown address;
   * that is HubSpot's documented behaviour for this endpoint and what erasure asks for.
   */
  @Override
  public void deleteContact(String email) {
    String normalized = ContactEmail.normalize(email);
    // HubSpot's GDPR delete leaves associated deals behind, and their names may hold personal data: archive the
    // deals Escala opened for this contact first
    List<String> dealIds = jdbc.sql("""
            SELECT external_id FROM crm_sync_key
            WHERE email = :email AND idempotency_key LIKE :prefix AND external_id IS NOT NULL""")
        .param("email", normalized)
        .param("prefix", DEAL_KEY_PREFIX + "%")
        .query(String.class)
        .list();
    for (String dealId : dealIds) {
      call(() -> http.delete()
          .uri("/crm/v3/objects/deals/{dealId}", dealId)
          .retrieve()
          .onStatus(status -> status.value() == 404, (request, response) -> {
            // already gone
          })
          .toBodilessEntity());
    }
    call(() -> http.post()
        .uri("/crm/v3/objects/contacts/gdpr-delete")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("objectId", normalized, "idProperty", "email"))
        .retrieve()
        .onStatus(status -> status.value() == 404, (request, response) -> {
          // nothing to delete
        })
        .toBodilessEntity());
    // the keys may embed the address
    jdbc.sql("DELETE FROM crm_sync_key WHERE email = :email").param("email", normalized).update();
  }

  /** One contact through the batch upsert endpoint; returns HubSpot's object for it. */
  private JsonNode upsert(String email, Map<String, String> properties) {
    Map<String, Object> body = Map.of(
        "inputs", List.of(Map.of("idProperty", "email", "id", email, "properties", properties)));
    JsonNode response = call(() -> http.post()
        .uri("/crm/v3/objects/contacts/batch/upsert")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(JsonNode.class));
    JsonNode contact = response == null ? null : response.path("results").path(0);
    if (contact == null || !contact.hasNonNull("id")) {
      // 207 Multi-Status: the batch was accepted but this input failed
      JsonNode error = response == null ? null : response.path("errors").path(0);
      if (error != null && error.hasNonNull("message")) {
        throw new CrmRejectedException(207, "HubSpot refused the contact upsert: " + shorten(error.get("message").asText()));
      }
      throw new CrmUnavailableException("HubSpot answered the contact upsert without a contact id");
    }
    return contact;
  }

  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (RestClientException e) {
      // I/O errors, timeouts and unreadable answers; status errors are translated in raise() instead
      throw new CrmUnavailableException("HubSpot could not be reached: " + e.getMessage(), e);
    }
  }

  private void raise(HttpRequest request, ClientHttpResponse response) throws IOException {
    int status = response.getStatusCode().value();
    String what = request.getMethod() + " " + request.getURI().getPath();
    String message = hubspotMessage(response);
    if (status == 429 || status >= 500) {
      throw new CrmUnavailableException("HubSpot answered " + status + " to " + what + ": " + message);
    }
    throw new CrmRejectedException(status, "HubSpot refused " + what + " (" + status + "): " + message);
  }

  /** HubSpot's error body is {"status":"error","message":...,"category":...}; anything else is shown shortened. */
  private String hubspotMessage(ClientHttpResponse response) {
    try (InputStream body = response.getBody()) {
      String text = new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8);
      if (text.isBlank()) {
        return "(no message)";
      }
      try {
        JsonNode error = errorReader.readTree(text);
        if (error != null && error.hasNonNull("message")) {
          return shorten(error.get("message").asText());
        }
      } catch (IOException notJson) {
        // fall through to the raw text
      }
      return shorten(text);
    } catch (IOException e) {
      return "(unreadable answer)";
    }
  }

  private boolean alreadySent(String idempotencyKey) {
    return jdbc.sql("SELECT COUNT(*) FROM crm_sync_key WHERE idempotency_key = :key")
            .param("key", idempotencyKey)
            .query(Long.class)
            .single()
        > 0;
  }

  private String knownExternalId(String idempotencyKey) {
    return jdbc.sql("SELECT external_id FROM crm_sync_key WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private void remember(String idempotencyKey, String email, String externalId) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO crm_sync_key (idempotency_key, email, external_id, created_at)
              VALUES (:key, :email, :externalId, :now)""")
          .param("key", idempotencyKey)
          .param("email", email)
          .param("externalId", externalId, Types.VARCHAR)
          .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update());
    } catch (DuplicateKeyException sentConcurrently) {
      // already recorded
    }
  }

  /** Notes are rich text in HubSpot: customer text is escaped so it stays text. */
  private static String noteBody(String type, String text) {
    String body = HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8").replace("\n", "<br>");
    if (type == null || type.isBlank() || type.equalsIgnoreCase("note")) {
      return body;
    }
    return "<strong>" + HtmlUtils.htmlEscape(type.trim(), "UTF-8") + "</strong>: " + body;
  }

  /** HubSpot's hs_language options are lower-case tags: "es", "pt-br", "en". */
  private static String hubspotLanguage(String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    return language.trim().replace('_', '-').toLowerCase(Locale.ROOT);
  }

  private static LifecycleStage stageOf(JsonNode contact, LifecycleStage asked) {
    String value = contact.path("properties").path("lifecyclestage").asText("");
    return Arrays.stream(LifecycleStage.values())
        .filter(stage -> stage.hubspotValue().equals(value))
        .findFirst()
        .orElse(asked);
  }

  private static void putPresent(Map<String, String> properties, String name, String value) {
    if (value != null && !value.isBlank()) {
      properties.put(name, value.trim());
    }
  }

  private static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
  }
}
