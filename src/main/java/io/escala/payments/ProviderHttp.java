package io.escala.payments;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.MissingSettingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The HTTP both adapters share: one JDK client, JSON answers, and the provider's failures sorted into retry or not. */
final class ProviderHttp {

  private static final int MAX_MESSAGE_LENGTH = 500;

  private final String providerName;
  private final Duration timeout;
  private final HttpClient client;
  final ObjectMapper json = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  ProviderHttp(String providerName, Duration timeout) {
    this.providerName = providerName;
    this.timeout = timeout;
    // HTTP/1.1: the JDK's cleartext HTTP/2 upgrade loses POST bodies against WireMock's Jetty (see HubSpotCrm)
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
  }

  /**
   * @param what names the call in errors, e.g. "payment 123"; never personal data
   * @return the 2xx answer's JSON
   */
  JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new PaymentUnavailableException(providerName + " did not answer within " + timeout.toMillis()
          + " ms for " + what, e);
    } catch (IOException e) {
      throw new PaymentUnavailableException(providerName + " could not be reached for " + what + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PaymentUnavailableException("Interrupted while asking " + providerName + " for " + what, e);
    }
    int status = response.statusCode();
    JsonNode answer = readJson(response.body());
    if (status >= 200 && status < 300) {
      if (!answer.isObject() || answer.isEmpty()) {
        // a proxy's page or a cut-off answer: reading statuses out of it would take every payment as pending
        throw new PaymentUnavailableException(providerName + " answered HTTP " + status + " for " + what
            + " without a JSON object");
      }
      return answer;
    }
    String text = providerName + " answered HTTP " + status + " for " + what + ": " + errorText(answer);
    if (status == 429 || status >= 500 || status == 409) {
      // 409: Stripe's answer while a request with the same idempotency key is still in flight
      throw new PaymentUnavailableException(text);
    }
    throw new PaymentRefusedException(status, text);
  }

  JsonNode readJson(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
      return node == null ? json.createObjectNode() : node;
    } catch (IOException notJson) {
      return json.createObjectNode();
    }
  }

  /** Mercado Pago: {message, error, status, cause[]}; Stripe: {error: {type, code, message}}. */
  private static String errorText(JsonNode answer) {
    JsonNode stripe = answer.path("error");
    String message = stripe.isObject()
        ? stripe.path("message").asText(stripe.path("code").asText("no message"))
        : answer.path("message").asText(answer.path("error").asText("no message"));
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
  }

  /**
   * The value sent as the provider's idempotency key: a digest of Escala's key, which may be longer than the
   * providers take (Stripe: 255 characters) and names process ids that are nobody else's business.
   */
  static String idempotencyHeader(String idempotencyKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(idempotencyKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Header names are case-insensitive; servlet containers and tests spell them differently. */
  static Map<String, String> caseInsensitive(Map<String, String> headers) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      copy.putAll(headers);
    }
    return copy;
  }

  /** @param why what to set, e.g. "the webhook endpoint's signing secret (whsec_…)" */
  static void requireSetting(String value, String property, String why) {
    if (isBlank(value)) {
      throw new MissingSettingException(property, "escala.payments.enabled is true and escala.payments.provider names"
          + " this provider, so set " + why + ", or set escala.payments.enabled=false");
    }
  }

  /**
   * The {@code key=value} pairs of a signature header ({@code ts=…,v1=…} at Mercado Pago, {@code t=…,v1=…,v1=…} at
   * Stripe), each key with its values in order.
   */
  static Map<String, List<String>> signatureParts(String header) {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    for (String part : header.split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parts.computeIfAbsent(part.substring(0, equals).trim(), key -> new ArrayList<>())
            .add(part.substring(equals + 1).trim());
      }
    }
    return parts;
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
