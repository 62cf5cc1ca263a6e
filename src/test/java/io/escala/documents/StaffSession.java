package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A signed-in staff member's browser: cookies, CSRF tokens from pages, form and multipart posts. */
final class StaffSession {

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

  private StaffSession(String base) {
    this.base = base;
  }

  static StaffSession signIn(int port, String user, String password) {
    StaffSession session = new StaffSession("http://localhost:" + port);
    HttpResponse<String> login = session.postForm("/login", Map.of("username", user, "password", password),
        session.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return session;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "es").GET().build());
  }

  HttpResponse<byte[]> download(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "es").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> postForm(String path, Map<String, String> fields, String csrfFrom) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", EscalaHttpClient.csrfToken(csrfFrom));
    String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "es")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A multipart form as a browser posts it: the fields, the CSRF token of {@code csrfFrom}, one file. */
  HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
      byte[] file, String csrfFrom) {
    String boundary = "----escala" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", EscalaHttpClient.csrfToken(csrfFrom));
    all.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n"));
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n");
    body.writeBytes(file);
    write(body, "\r\n--" + boundary + "--\r\n");
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "es")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
