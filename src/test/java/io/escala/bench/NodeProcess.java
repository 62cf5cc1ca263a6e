package io.escala.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link GenerationNode} in a child JVM ({@code java -Xmx<heap> -cp <this JVM's test classpath>}): its answers
 * read from stdout, everything else it prints (logs) written to {@code target/bench/<name>.log}, a GC log beside it.
 */
final class NodeProcess implements AutoCloseable {

  /** What the node printed as {@code BATCH ...}. */
  record Batch(long id, long uploadStartMillis, long intakeMillis, int accepted) {}

  private final String name;
  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private volatile long peakHeapMb;
  private volatile long calls;
  private volatile long cpuMillis;
  private String id;

  private NodeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** Starts the node and waits for its {@code READY} line. */
  static NodeProcess start(String name, String heap, String... flags) throws IOException, InterruptedException {
    Path dir = Path.of("target/bench");
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-Xlog:gc:file=" + dir.resolve(name + "-gc.log"), "-cp", classpath(),
        GenerationNode.class.getName(), "--name=" + name));
    if (Boolean.getBoolean("bench.jfr")) {
      // -Dbench.jfr=true: a flight recording per node, target/bench/<name>.jfr (jfr print --events ... to read it)
      command.add(1, "-XX:StartFlightRecording=filename=" + dir.resolve(name + ".jfr") + ",settings=profile");
    }
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    NodeProcess node = new NodeProcess(name, process);
    Thread reader = new Thread(() -> node.read(dir.resolve(name + ".log")), "node-" + name + "-out");
    reader.setDaemon(true);
    reader.start();
    node.id = node.expect("READY", Duration.ofSeconds(60)).substring("READY ".length());
    return node;
  }

  /** Failsafe runs the tests with a manifest-only jar; the full class path is in this property. */
  private static String classpath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private void read(Path log) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); Writer file = Files.newBufferedWriter(log)) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("HEAP ")) {
          String[] parts = line.split(" ");
          peakHeapMb = Math.max(peakHeapMb, Long.parseLong(parts[2]));
          calls = Long.parseLong(parts[3]);
          cpuMillis = Long.parseLong(parts[4]);
        } else if (line.startsWith("READY ") || line.startsWith("BATCH ") || line.startsWith("STOPPED ")) {
          answers.add(line);
          file.write(line + "\n");
        } else {
          file.write(line + "\n");
          file.flush();
        }
      }
    } catch (IOException e) {
      // the node was killed
    }
  }

  private String expect(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("node " + name + " did not answer " + prefix + " within " + timeout
            + (process.isAlive() ? "" : "; it exited with " + process.exitValue() + ", see target/bench/" + name
                + ".log"));
      }
      if (line.startsWith(prefix + " ")) {
        return line;
      }
    }
  }

  /** Uploads the file as a new batch and starts it. */
  Batch intake(Path csv, long templateVersionId) throws InterruptedException {
    commands.println("intake " + csv.toAbsolutePath() + " " + templateVersionId);
    String[] parts = expect("BATCH", Duration.ofMinutes(5)).split(" ");
    return new Batch(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
        Integer.parseInt(parts[4]));
  }

  /** {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Unix. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the worker the orderly way and waits for the JVM to exit; returns its peak heap in MB. */
  long stop() throws InterruptedException {
    commands.println("stop");
    String[] parts = expect("STOPPED", Duration.ofMinutes(1)).split(" ");
    peakHeapMb = Math.max(peakHeapMb, Long.parseLong(parts[1]));
    process.waitFor(30, TimeUnit.SECONDS);
    return peakHeapMb;
  }

  /** The worker's node id, as in {@code document_row.claimed_by}. */
  String id() {
    return id;
  }

  /** The highest heap figure the node reported (see {@link GenerationNode}). */
  long peakHeapMb() {
    return peakHeapMb;
  }

  /** LLM requests the node reported having sent, as of its last report. */
  long calls() {
    return calls;
  }

  /** CPU time of the node's JVM so far (250 ms resolution). */
  long cpuMillis() {
    return cpuMillis;
  }

  boolean alive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      commands.close();
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
