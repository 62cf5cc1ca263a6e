package io.escala.calendar;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real CalDAV server for tests: Debian's Radicale on a free port, with a temporary storage folder and one htpasswd
 * (plain) user. Register as a static {@code @RegisterExtension}; it starts before the class's tests and stops after.
 * Radicale is required (CI installs it in {@code .ci/run}): without it the tests fail, they are not skipped.
 */
public final class RadicaleServer implements BeforeAllCallback, AfterAllCallback {

  public static final String USERNAME = "escala";
  public static final String PASSWORD = "s3cret-" + UUID.randomUUID();

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Path folder;
  private Process process;
  private URI base;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    List<String> command = command();
    folder = Files.createTempDirectory("radicale-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(folder.resolve("users"), USERNAME + ":" + PASSWORD + "\n");
    Path config = folder.resolve("config");
    Files.writeString(config, """
        [server]
        hosts = 127.0.0.1:%d
        [auth]
        type = htpasswd
        htpasswd_filename = %s
        htpasswd_encryption = plain
        delay = 0
        [rights]
        type = owner_only
        [storage]
        filesystem_folder = %s
        [web]
        type = none
        [logging]
        level = warning
        """.formatted(port, folder.resolve("users"), folder.resolve("collections")));
    File log = folder.resolve("radicale.log").toFile();
    process = new ProcessBuilder(Stream.concat(command.stream(), Stream.of("--config", config.toString())).toList())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
    base = URI.create("http://127.0.0.1:" + port + "/");
    awaitAnswer(log.toPath());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** A new, empty calendar collection of the user (MKCALENDAR); its URL ends in a slash. */
  public URI newCalendar(String name) throws IOException, InterruptedException {
    URI collection = base.resolve(USERNAME + "/" + name + "/");
    HttpResponse<String> response = send(HttpRequest.newBuilder(collection)
        .method("MKCALENDAR", HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("MKCALENDAR " + collection + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return collection;
  }

  /** Stores a calendar object as any other client would. */
  public void putObject(URI collection, String name, String ics) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(collection.resolve(name))
        .header("Content-Type", "text/calendar; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(ics, StandardCharsets.UTF_8)));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("PUT " + name + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  /** The names of the objects in a collection (PROPFIND, Depth 1), the collection itself left out. */
  public List<String> objectNames(URI collection) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(collection)
        .header("Depth", "1")
        .method("PROPFIND", HttpRequest.BodyPublishers.ofString(
            "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>")));
    return java.util.regex.Pattern.compile("<(?:\\w+:)?href>([^<]+)</(?:\\w+:)?href>").matcher(response.body())
        .results()
        .map(m -> m.group(1))
        .filter(href -> href.endsWith(".ics"))
        .map(href -> href.substring(href.lastIndexOf('/') + 1))
        .toList();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    String credentials = Base64.getEncoder()
        .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest built = request.header("Authorization", "Basic " + credentials).build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException staleConnection) {
      // Radicale closes idle kept-alive connections; the client notices only on its next request.
      return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }

  private void awaitAnswer(Path log) throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Radicale stopped at start-up: " + Files.readString(log));
      }
      try {
        http.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Radicale did not answer on " + base + " within " + START_TIMEOUT + ": "
        + Files.readString(log));
  }

  private static List<String> command() {
    for (String candidate : List.of("/usr/bin/radicale", "/usr/local/bin/radicale")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return List.of(candidate);
      }
    }
    throw new IllegalStateException("Radicale is not installed, and the CalDAV tests need a real server: install"
        + " Debian's package (apt-get install radicale), as .ci/run does");
  }
}
