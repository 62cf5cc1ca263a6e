package io.escala.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One Escala node in a process of its own, started as in production ({@code java -cp ... EscalaApplication}) on the
 * application's classpath (the test JVM's, without the test classes), so it can be killed for real.
 */
final class EscalaNode implements AutoCloseable {

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private EscalaNode(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  static EscalaNode start(String name, Path workDir, List<String> arguments) {
    int port = freePort();
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve(name + ".log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
          "-cp", applicationClassPath(), "io.escala.EscalaApplication",
          "--server.port=" + port, "--escala.cluster.node-name=" + name, "--spring.main.banner-mode=off"));
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      // Only what the test passes configures the node.
      builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("ESCALA_")
          || key.startsWith("CAMUNDA_"));
      Process process = builder.start();
      EscalaNode node = new EscalaNode(name, port, log, process);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + name, e);
    }
  }

  String name() {
    return name;
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the node answers its readiness probe (the job executor starts with it). */
  void awaitReady(Duration atMost) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Node " + name + " stopped while starting (exit " + process.exitValue() + "):\n"
            + logTail());
      }
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep polling
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
    throw new AssertionError("Node " + name + " not ready within " + atMost + ":\n" + logTail());
  }

  /** SIGKILL: no shutdown hook, no graceful stop of the job executor, transactions in flight are rolled back. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  String logTail() {
    String text = log();
    return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * The test JVM's classpath without the test classes. Surefire and Failsafe may hand the JVM a manifest-only jar;
   * its {@code Class-Path} is the real list.
   */
  static String applicationClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("surefirebooter") || entry.contains("failsafebooter")) {
        entries.addAll(manifestClassPath(Path.of(entry)));
      } else {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries.stream()
        .filter(entry -> !Path.of(entry).normalize().endsWith("test-classes"))
        .toList());
  }

  private static List<String> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      List<String> entries = new ArrayList<>();
      if (classPath != null) {
        for (String url : classPath.trim().split("\\s+")) {
          entries.add(Path.of(jar.getParent().toUri().resolve(URI.create(url))).toString());
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
