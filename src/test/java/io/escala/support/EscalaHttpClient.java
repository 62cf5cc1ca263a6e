package io.escala.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like client: keeps cookies, does not follow redirects, reads CSRF tokens from forms. */
public final class EscalaHttpClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+(?:type=\"hidden\"\\s+)?value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;

  public EscalaHttpClient(String base) {
    this.base = base;
    // HTTP/1.1 as browsers and API clients speak it to this server; the h2c upgrade of the JDK client loses bodies.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HttpResponse<String> get(String pathOrUrl) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept-Language", "es").GET().build());
  }

  public HttpResponse<String> get(String pathOrUrl, String acceptLanguage) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept-Language", acceptLanguage).GET().build());
  }

  /** POSTs a form; {@code csrfFrom} is the page whose form token is sent along (null: no token). */
  public HttpResponse<String> postForm(String path, Map<String, String> fields, String csrfFrom) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrfFrom != null) {
      all.put("_csrf", csrfToken(csrfFrom));
    }
    String body = all.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        // as a browser submits a form: an error comes back as a page, not JSON
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> rest(String method, String path, String json, String user, String password) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (user != null) {
      builder.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return send(builder.build());
  }

  /** Opens a page with a single confirmation form (hidden token field) and submits it, as a person would. */
  public HttpResponse<String> confirm(String link, String acceptLanguage, String action) {
    HttpResponse<String> page = get(link, acceptLanguage);
    if (page.statusCode() != 200) {
      return page;
    }
    Matcher token = Pattern.compile("name=\"token\"\s+value=\"([^\"]+)\"").matcher(page.body());
    if (!token.find()) {
      return page; // nothing to confirm: the page already tells the outcome
    }
    return postForm(action, Map.of("token", token.group(1)), page.body());
  }

  /**
   * POSTs JSON as an external tool does: signed with {@code signature}'s secret (or unsigned when null), at the
   * engine clock's time.
   */
  public HttpResponse<String> postSignedJson(String path, String json, io.escala.platform.WebhookSignature signature) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    java.time.Instant now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Escala-Timestamp", String.valueOf(now.getEpochSecond()))
          .header("X-Escala-Signature", signature.sign(body, now));
    }
    return send(request.build());
  }

  public static String csrfToken(String html) {
    Matcher matcher = CSRF.matcher(html);
    if (!matcher.find()) {
      throw new AssertionError("No CSRF token in page");
    }
    return matcher.group(1);
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
