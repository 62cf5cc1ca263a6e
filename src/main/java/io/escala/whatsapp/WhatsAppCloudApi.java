package io.escala.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escala.platform.MissingSettingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * WhatsApp through Meta's Business Cloud API: {@code POST /{version}/{phone-number-id}/messages} with a template.
 *
 * <p>The API takes no idempotency key, so each key is claimed in {@code whatsapp_message} before the call and marked
 * SENT after it: a retried job sends nothing twice. Where the outcome is unknown (the request timed out after Meta
 * took it, or the node died mid-call and the row's lease ran out) the retry sends again, as e-mail does; such a
 * takeover is logged at WARN and kept in {@code recovered_at}.
 */
public class WhatsAppCloudApi implements WhatsAppMessages {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppCloudApi.class);

  /**
   * Graph API error codes that a later attempt may get past, whatever the HTTP status: API unknown / temporarily
   * unavailable (1, 2), application and account rate limits (4, 80007), Cloud API throughput (130429), "something went
   * wrong" (131000), service unavailable (131016), pair rate limit (131056).
   */
  private static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);

  /** WhatsApp's code for a bare language where several variants exist: the ones Escala's markets use. */
  private static final Map<String, String> DEFAULT_VARIANT = Map.of("es", "es_MX", "pt", "pt_BR", "en", "en_US");

  /** Regional variants WhatsApp templates support for Escala's languages (Meta's "Supported languages" list). */
  private static final Set<String> REGIONAL_CODES = Set.of("es_AR", "es_ES", "es_MX", "pt_BR", "pt_PT", "en_GB",
      "en_US");

  private static final int MAX_MESSAGE_LENGTH = 500;

  private final WhatsAppProperties settings;
  private final WhatsAppMessageStore store;
  private final HttpClient http;
  private final URI messagesUri;
  private final ObjectMapper json = new ObjectMapper();

  public WhatsAppCloudApi(
      WhatsAppProperties settings, JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    require(settings.phoneNumberId(), "escala.whatsapp.phone-number-id",
        "the id of the sending business number (WhatsApp Manager, API setup)");
    require(settings.accessToken(), "escala.whatsapp.access-token",
        "a system-user access token with the whatsapp_business_messaging permission");
    require(settings.apiVersion(), "escala.whatsapp.api-version", "the Graph API version, e.g. v26.0");
    if (settings.timeout().compareTo(WhatsAppMessageStore.SENDING_LEASE.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("escala.whatsapp.timeout must stay under "
          + WhatsAppMessageStore.SENDING_LEASE.dividedBy(2).toSeconds() + " s, or a slow attempt is taken over while"
          + " it still waits for Meta");
    }
    this.settings = settings;
    this.store = new WhatsAppMessageStore(jdbc, transactionManager, clock);
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .build();
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.messagesUri = URI.create(
        base + "/" + settings.apiVersion().trim() + "/" + settings.phoneNumberId().trim() + "/messages");
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public WhatsAppReceipt sendTemplate(TemplateMessage message) {
    String languageCode = languageCode(message.language(), settings.languageCodes());
    WhatsAppMessageStore.Claim claim = store.claim(message, languageCode);
    if (claim.alreadyFinished()) {
      log.debug("WhatsApp message {} was already sent; nothing sent now", claim.id());
      return new WhatsAppReceipt(claim.wamid(), WhatsAppReceipt.Status.DUPLICATE);
    }
    if (claim.recovered()) {
      log.warn("WhatsApp message {} ({}) was left SENDING by an attempt that stopped more than {} s ago; sending it"
              + " again as attempt {}, the person may get it twice", claim.id(), message.templateName(),
          WhatsAppMessageStore.SENDING_LEASE.toSeconds(), claim.attempt());
    }
    String wamid;
    try {
      wamid = post(claim.id(), requestBody(message, languageCode));
    } catch (RuntimeException e) {
      store.markFailed(claim, e.getMessage());
      throw e;
    }
    store.markSent(claim.id(), wamid);
    log.info("WhatsApp message {} ({}) sent as {}", claim.id(), message.templateName(), wamid);
    return new WhatsAppReceipt(wamid, WhatsAppReceipt.Status.SENT);
  }

  /**
   * WhatsApp's language code for a template in {@code locale}: a configured one first (by tag, then by language),
   * then the regional code where WhatsApp has it ({@code pt-BR} → {@code pt_BR}), then Escala's default variant of the
   * language ({@code es} → {@code es_MX}), else the bare language.
   */
  static String languageCode(Locale locale, Map<String, String> configured) {
    String tag = locale.toLanguageTag();
    String language = locale.getLanguage();
    if (configured.containsKey(tag)) {
      return configured.get(tag);
    }
    if (configured.containsKey(language)) {
      return configured.get(language);
    }
    String regional = language + "_" + locale.getCountry();
    if (REGIONAL_CODES.contains(regional)) {
      return regional;
    }
    return DEFAULT_VARIANT.getOrDefault(language, language);
  }

  private ObjectNode requestBody(TemplateMessage message, String languageCode) {
    ObjectNode body = json.createObjectNode()
        .put("messaging_product", "whatsapp")
        .put("recipient_type", "individual")
        .put("to", message.toDigits())
        .put("type", "template");
    ObjectNode template = body.putObject("template").put("name", message.templateName());
    template.putObject("language").put("code", languageCode);
    if (!message.bodyParameters().isEmpty()) {
      ArrayNode parameters = template.putArray("components").addObject()
          .put("type", "body")
          .putArray("parameters");
      for (String parameter : message.bodyParameters()) {
        parameters.addObject().put("type", "text").put("text", parameterText(parameter));
      }
    }
    return body;
  }

  /** WhatsApp refuses a text parameter with new lines, tabs or more than four spaces in a row (132018). */
  private static String parameterText(String parameter) {
    return parameter == null ? "" : parameter.replaceAll("\\s+", " ").strip();
  }

  /** @return Meta's message id */
  private String post(long rowId, ObjectNode body) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(messagesUri)
          .timeout(settings.timeout())
          .header("Authorization", "Bearer " + settings.accessToken().trim())
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("a WhatsApp message could not be written as JSON", e);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new WhatsAppUnavailableException("WhatsApp did not answer within " + settings.timeout().toMillis()
          + " ms for message " + rowId, e);
    } catch (IOException e) {
      throw new WhatsAppUnavailableException("WhatsApp could not be reached for message " + rowId + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WhatsAppUnavailableException("Interrupted while sending WhatsApp message " + rowId, e);
    }
    JsonNode answer = readJson(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      String wamid = answer.path("messages").path(0).path("id").asText(null);
      if (wamid == null) {
        // accepted all the same: sending again could deliver it twice
        log.warn("WhatsApp accepted message {} without a message id", rowId);
      }
      return wamid;
    }
    throw failure(rowId, status, answer.path("error"));
  }

  /** Meta's error body: {"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}. */
  private static RuntimeException failure(long rowId, int status, JsonNode error) {
    int code = error.path("code").asInt(-1);
    StringBuilder text = new StringBuilder(shorten(error.path("message").asText("no message")));
    String details = error.path("error_data").path("details").asText("");
    if (!details.isBlank()) {
      text.append(" (").append(shorten(details)).append(")");
    }
    if (error.hasNonNull("error_subcode")) {
      text.append(", subcode ").append(error.get("error_subcode").asInt());
    }
    if (error.hasNonNull("fbtrace_id")) {
      text.append(", fbtrace_id ").append(error.get("fbtrace_id").asText());
    }
    String what = "WhatsApp message " + rowId + ": HTTP " + status + (code < 0 ? "" : ", code " + code) + ": " + text;
    if (status == 429 || status >= 500 || RETRYABLE_CODES.contains(code)) {
      return new WhatsAppUnavailableException("WhatsApp could not take " + what);
    }
    return new WhatsAppRefusedException(status, code, "WhatsApp refused " + what);
  }

  private JsonNode readJson(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
      return node == null ? json.createObjectNode() : node;
    } catch (IOException notJson) {
      return json.createObjectNode();
    }
  }

  private static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
  }

  private static void require(String value, String property, String why) {
    if (value == null || value.isBlank()) {
      throw new MissingSettingException(property, "escala.whatsapp.enabled is true, so set " + why
          + ", or set escala.whatsapp.enabled=false");
    }
  }
}
