package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.ObjectMappers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Economy mode: the rows of a running {@code ECONOMY} batch go to the OpenAI Batch API (half the price, answers within
 * 24 h) instead of the generation worker's calls. On each tick, for each such batch this node can lease:
 *
 * <ol>
 *   <li><b>submit</b>: the pending rows' sections whose answers are not cached yet are written, one JSONL line each
 *       ({@code custom_id} = the section's idempotency key, {@code body} = the chat completion
 *       {@link OpenAiDocumentModel} would send), to a temporary file streamed row chunk by row chunk; the file is
 *       uploaded (purpose {@code batch}), its id stored, then the batch created and its id stored. Rows whose
 *       sections are all cached are generated at once and not sent. A file id stored without a batch (the create
 *       failed, or the node died) is created on a later tick; a create whose answer was lost ({@code CREATING}) is
 *       looked for by its input file among the account's batches before it is made again.
 *   <li><b>poll</b>: at most once per {@code poll-interval}; once the batch is {@code completed} (or {@code expired},
 *       {@code failed}, {@code cancelled}), its output and error files are read line by line, every answer is cached
 *       under its {@code custom_id}, and each row of the submission is composed and checked like the worker's
 *       ({@code GENERATED}), fails with the error line's reason (a 4xx of its request), or, left without an answer,
 *       is sent again in the next submission, once ({@code max-sends}), then fails. The batch closes as the worker's
 *       do ({@link DocumentBatches#closeIfDone}), with its cost at {@code price-factor} of the list prices.
 *   <li><b>pause / cancel</b>: the OpenAI batch is cancelled (best-effort); its answers so far are still cached when it
 *       ends. A paused batch's unanswered rows are pending again for when it resumes; a cancelled batch's rows end
 *       {@code CANCELLED}.
 * </ol>
 *
 * <p>Two nodes on one database: the batch is leased ({@link EconomyRows#lease}) for a step and every state write is
 * fenced by the lease, so one node uploads and creates; the rows of a submission are {@code CLAIMED} by the
 * submission ({@link EconomyRows#owner}), and the worker's claim query skips economy batches.
 */
public class EconomyGeneration implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EconomyGeneration.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String BUILDING = "BUILDING";
  static final String UPLOADED = "UPLOADED";
  static final String CREATING = "CREATING";
  /** Rows read per query while a file is written or collected. */
  static final int CHUNK = 100;
  /** How long rows stay claimed by a submission: the Batch API's 24 h window and a day's margin (informative only). */
  static final Duration HOLD = Duration.ofHours(48);
  /** Batches of the account looked through for a create whose answer was lost. */
  static final int SCAN = 200;

  private final EconomyRows economy;
  private final DocumentRows rows;
  private final DocumentBatches batches;
  private final DocumentTemplates templates;
  private final DocumentChecks checks;
  private final OpenAiBatchApi api;
  private final EconomyProperties properties;
  private final Clock clock;
  private final boolean autoStartup;
  private final String node;
  private volatile ScheduledExecutorService scheduler;

  public EconomyGeneration(EconomyRows economy, DocumentRows rows, DocumentBatches batches,
      DocumentTemplates templates, DocumentChecks checks, OpenAiBatchApi api, EconomyProperties properties,
      Clock clock, String nodeName, boolean autoStartup) {
    this.economy = economy;
    this.rows = rows;
    this.batches = batches;
    this.templates = templates;
    this.checks = checks;
    this.api = api;
    this.properties = properties;
    this.clock = clock;
    this.autoStartup = autoStartup;
    String name = nodeName.length() > 80 ? nodeName.substring(0, 80) : nodeName;
    this.node = name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "documents-economy");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::tick, properties.tick().toMillis(), properties.tick().toMillis(),
        TimeUnit.MILLISECONDS);
    log.info("Economy mode {} started: OpenAI Batch API polled every {} at most", node, properties.pollInterval());
  }

  @Override
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(properties.httpTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    scheduler = null;
  }

  /** Stops the schedule and closes the HTTP client (the bean's destroy method). */
  public void close() {
    stop();
    if (api != null) {
      api.close();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  /** The lease owner in {@code document_batch.economy_owner}. */
  public String node() {
    return node;
  }

  /** One look at every economy batch this node can lease. Never throws: a failure waits for the next tick. */
  public void tick() {
    if (api == null) {
      return;
    }
    List<Long> candidates;
    try {
      candidates = economy.candidates();
    } catch (RuntimeException e) {
      log.warn("Economy mode {} could not list its batches: {}", node, e.toString());
      return;
    }
    for (long batchId : candidates) {
      advance(batchId);
    }
  }

  /** One step of one batch, if this node can lease it. Never throws. */
  void advance(long batchId) {
    try {
      if (!economy.lease(batchId, node, properties.lease())) {
        return;
      }
    } catch (RuntimeException e) {
      log.warn("Economy batch {} not leased: {}", batchId, e.toString());
      return;
    }
    try {
      step(batchId);
    } catch (LostLease e) {
      log.warn("Economy batch {}: another node took it over from {}", batchId, node);
    } catch (RuntimeException e) {
      // an API or database failure: tried again after the poll interval
      log.warn("Economy batch {} not advanced, tried again in {}: {}", batchId, properties.pollInterval(),
          e.toString());
      try {
        economy.polled(batchId, node);
      } catch (RuntimeException ignored) {
        // the database is away: the lease runs out
      }
    } finally {
      try {
        economy.release(batchId, node);
      } catch (RuntimeException ignored) {
        // the lease runs out
      }
    }
  }

  private void step(long batchId) {
    EconomyRows.State state = economy.state(batchId).orElseThrow();
    boolean wanted = state.status() == DocumentBatch.Status.RUNNING;
    boolean paused = state.status() == DocumentBatch.Status.PAUSED;
    if (!wanted && !paused) {
      economy.cancel(batchId); // rows of a cancelled batch's submission end now; answers are still cached later
    }
    if (state.openAiBatch() == null) {
      if (state.economyStatus() == null) {
        if (wanted) {
          submit(state);
        }
      } else if (!wanted) {
        if (!CREATING.equals(state.economyStatus()) || due(state)) {
          abandon(state, paused);
        }
      } else if (due(state)) {
        submit(state);
      }
      return;
    }
    boolean collecting = OpenAiBatchApi.TERMINAL.contains(state.economyStatus());
    if (!collecting && !due(state)) {
      return;
    }
    OpenAiBatchApi.Submission submission = api.retrieve(state.openAiBatch());
    save(state, state.inputFile(), state.openAiBatch(), submission.status(), clock.instant());
    if (submission.terminal()) {
      collect(state, submission);
    } else if (!wanted && !"cancelling".equals(submission.status())) {
      try {
        api.cancel(submission.id());
        log.info("Economy batch {} is {}: OpenAI batch {} cancelled", batchId, state.status(), submission.id());
      } catch (RuntimeException e) {
        log.warn("Economy batch {}: OpenAI batch {} not cancelled ({}); asked again at the next poll", batchId,
            submission.id(), e.toString());
      }
    }
  }

  private boolean due(EconomyRows.State state) {
    return state.polledAt() == null || !clock.instant().isBefore(state.polledAt().plus(properties.pollInterval()));
  }

  // --- submit ---------------------------------------------------------------------------------------------------

  private void submit(EconomyRows.State state) {
    long batchId = state.batchId();
    String inputFile = state.inputFile();
    if (inputFile == null) {
      save(state, null, null, BUILDING, state.polledAt());
      Path file = write(state);
      if (file == null) {
        save(state, null, null, null, null);
        batches.closeIfDone(batchId);
        return;
      }
      try {
        inputFile = api.upload(file);
      } finally {
        delete(file);
      }
      economy.priceFactor(batchId, properties.priceFactor());
      save(state, inputFile, null, UPLOADED, clock.instant());
      log.info("Economy batch {}: input file {} uploaded", batchId, inputFile);
    } else if (CREATING.equals(state.economyStatus())) {
      var found = api.findByInputFile(inputFile, SCAN);
      if (found.isPresent()) {
        save(state, inputFile, found.get().id(), found.get().status(), clock.instant());
        log.info("Economy batch {}: OpenAI batch {} found, created by an earlier attempt", batchId,
            found.get().id());
        return;
      }
    }
    // CREATING before the call: if its answer is lost, the next attempt looks for the batch first
    save(state, inputFile, null, CREATING, clock.instant());
    OpenAiBatchApi.Submission created = api.create(inputFile, batchId);
    save(state, inputFile, created.id(), created.status(), clock.instant());
    log.info("Economy batch {}: OpenAI batch {} created from {}", batchId, created.id(), inputFile);
  }

  /**
   * The submission's JSONL file, written chunk by chunk to a temporary file; rows answered from the cache alone are
   * generated here and not sent. {@code null}: nothing to send.
   */
  private Path write(EconomyRows.State state) {
    long batchId = state.batchId();
    TemplateVersion version = templates.version(state.templateVersionId());
    int linesPerRow = Math.max(1, version.sections().size());
    Composer composer = new Composer(state, version);
    Set<String> written = new HashSet<>();
    int lines = 0;
    long bytes = 0;
    int after = Integer.MIN_VALUE;
    boolean full = false;
    Path file;
    try {
      file = Files.createTempFile("escala-economy-" + batchId + "-", ".jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (true) {
        int room = (properties.maxRequestsPerFile() - lines) / linesPerRow;
        if (room <= 0 || bytes >= properties.maxFileBytes()) {
          full = true;
          break;
        }
        List<EconomyRows.Row> chunk = economy.toSubmit(batchId, after, Math.min(CHUNK, room));
        if (chunk.isEmpty()) {
          break;
        }
        after = chunk.get(chunk.size() - 1).line();
        Set<Long> ours = economy.claim(batchId,
            chunk.stream().filter(row -> row.status().equals("PENDING")).map(EconomyRows.Row::id).toList(), HOLD);
        chunk.stream().filter(row -> row.status().equals("CLAIMED")).forEach(row -> ours.add(row.id()));
        List<Prepared> prepared = composer.prepare(chunk.stream().filter(row -> ours.contains(row.id())).toList());
        for (Prepared row : prepared) {
          List<DocumentModel.Request> missing = row.prompts().requests().stream()
              .filter(request -> !row.answers().containsKey(request.idempotencyKey())).toList();
          if (missing.isEmpty()) {
            composer.finish(row, Set.of());
            continue;
          }
          for (DocumentModel.Request request : missing) {
            if (written.add(request.idempotencyKey())) {
              String line = line(request);
              out.write(line);
              out.write('\n');
              lines++;
              bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
          }
        }
      }
    } catch (IOException e) {
      delete(file);
      throw new UncheckedIOException("writing the Batch API file of batch " + batchId, e);
    } catch (RuntimeException e) {
      delete(file);
      throw e;
    }
    if (full) {
      // rows of an earlier, never uploaded attempt beyond what fits now: left for the next submission
      economy.unclaimAfter(batchId, after);
    }
    economy.resetSends(batchId); // rows answered from the cache here
    if (lines == 0) {
      delete(file);
      return null;
    }
    log.info("Economy batch {}: {} requests ({} bytes) to submit{}", batchId, lines, bytes,
        full ? ", more rows in a later submission" : "");
    return file;
  }

  /** One line of the input file: the request {@link OpenAiDocumentModel} sends for the section. */
  static String line(DocumentModel.Request request) {
    try {
      String body = ObjectMappers.jsonMapper()
          .writeValueAsString(OpenAiDocumentModel.chatCompletion(request).build()._body());
      return "{\"custom_id\":" + JSON.writeValueAsString(request.idempotencyKey())
          + ",\"method\":\"POST\",\"url\":\"" + OpenAiBatchApi.ENDPOINT + "\",\"body\":" + body + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a chat completion request that is not JSON", e);
    }
  }

  /** Paused or cancelled before its OpenAI batch existed: the rows are released (or cancelled), the state cleared. */
  private void abandon(EconomyRows.State state, boolean paused) {
    if (CREATING.equals(state.economyStatus())) {
      var found = api.findByInputFile(state.inputFile(), SCAN);
      if (found.isPresent()) {
        // it exists after all: cancelled, and collected, on the next ticks
        save(state, state.inputFile(), found.get().id(), found.get().status(), null);
        return;
      }
    }
    if (paused) {
      economy.unclaimAll(state.batchId());
    } else {
      economy.cancel(state.batchId());
    }
    save(state, null, null, null, null);
  }

  // --- collect --------------------------------------------------------------------------------------------------

  /** A failed line of an output or error file. */
  private record LineError(int status, String message) {
    /** A problem of the request itself (4xx): sending it again gives the same answer. */
    boolean permanent() {
      return !Backoff.retryable(status);
    }
  }

  private void collect(EconomyRows.State state, OpenAiBatchApi.Submission submission) {
    long batchId = state.batchId();
    Set<String> answered = new HashSet<>();
    Map<String, LineError> errors = new HashMap<>();
    if (submission.outputFileId() != null) {
      api.lines(submission.outputFileId(), line -> read(batchId, line, answered, errors));
    }
    if (submission.errorFileId() != null) {
      api.lines(submission.errorFileId(), line -> read(batchId, line, answered, errors));
    }
    DocumentBatch.Status status = economy.state(batchId).orElseThrow().status();
    boolean paused = status == DocumentBatch.Status.PAUSED;
    boolean running = status == DocumentBatch.Status.RUNNING;
    if (!running && !paused) {
      // cancelled: the answers are cached for whoever asks the same again; the rows end as the batch's others did
      economy.cancel(batchId);
      save(state, null, null, null, null);
      log.info("Economy batch {} is {}: OpenAI batch {} {}, {} answers kept in the cache", batchId, status,
          submission.id(), submission.status(), answered.size());
      return;
    }
    TemplateVersion version = templates.version(state.templateVersionId());
    Composer composer = new Composer(state, version);
    int generated = 0;
    int failed = 0;
    int again = 0;
    int after = Integer.MIN_VALUE;
    for (List<EconomyRows.Row> chunk = economy.inSubmission(batchId, after, CHUNK); !chunk.isEmpty();
        chunk = economy.inSubmission(batchId, after, CHUNK)) {
      after = chunk.get(chunk.size() - 1).line();
      for (Prepared row : composer.prepare(chunk)) {
        LineError permanent = null;
        LineError last = null;
        boolean complete = true;
        for (DocumentModel.Request request : row.prompts().requests()) {
          if (!row.answers().containsKey(request.idempotencyKey())) {
            complete = false;
            LineError error = errors.get(request.idempotencyKey());
            if (error != null) {
              last = error;
              if (error.permanent() && permanent == null) {
                permanent = error;
              }
            }
          }
        }
        DocumentRows.Usage usage = usage(row, answered);
        String owner = EconomyRows.owner(batchId);
        if (complete) {
          composer.finish(row, answered);
          generated++;
        } else if (permanent != null) {
          rows.failed(row.row().id(), owner, "OpenAI Batch API: " + permanent.message(), usage);
          failed++;
        } else {
          boolean notTheRowsFault = paused || "cancelled".equals(submission.status());
          if (notTheRowsFault || row.row().sends() < properties.maxSends()) {
            rows.addUsage(row.row().id(), owner, usage); // sections answered now were paid for
            economy.unclaim(batchId, row.row().id(), !notTheRowsFault);
            again++;
          } else {
            String reason = "no answer from the OpenAI Batch API after " + row.row().sends() + " submissions (batch "
                + submission.id() + " " + submission.status()
                + (last != null ? ": " + last.message() : submission.errors() != null ? ": " + submission.errors()
                    : "") + ")";
            rows.failed(row.row().id(), owner, reason, usage);
            failed++;
          }
        }
      }
    }
    economy.resetSends(batchId);
    save(state, null, null, null, null);
    log.info("Economy batch {}: OpenAI batch {} {}: {} rows generated, {} failed, {} to send again", batchId,
        submission.id(), submission.status(), generated, failed, again);
    if (running) {
      batches.closeIfDone(batchId);
    }
  }

  /** An output or error line: its answer cached under its {@code custom_id}, or its error kept. */
  private void read(long batchId, String text, Set<String> answered, Map<String, LineError> errors) {
    JsonNode line;
    try {
      line = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      log.warn("Economy batch {}: a line of the Batch API's file is not JSON, skipped", batchId);
      return;
    }
    String key = line.path("custom_id").asText(null);
    if (key == null) {
      return;
    }
    JsonNode error = line.path("error");
    JsonNode response = line.path("response");
    int status = response.path("status_code").asInt(0);
    JsonNode body = response.path("body");
    if ((error.isMissingNode() || error.isNull()) && status == 200) {
      JsonNode choices = body.path("choices");
      if (choices.isArray() && !choices.isEmpty()) {
        JsonNode content = choices.get(0).path("message").path("content");
        JsonNode usage = body.path("usage");
        rows.cache(key, new DocumentModel.Answer(content.isTextual() ? content.asText() : "",
            body.path("model").asText(""), usage.path("prompt_tokens").asInt(0),
            usage.path("completion_tokens").asInt(0)));
        answered.add(key);
        errors.remove(key);
        return;
      }
      errors.put(key, new LineError(502, "HTTP 200 without choices"));
      return;
    }
    if (answered.contains(key)) {
      return;
    }
    if (!error.isMissingNode() && !error.isNull()) {
      errors.put(key, new LineError(0, error.path("code").asText("error") + ": " + error.path("message").asText("")));
    } else {
      JsonNode apiError = body.path("error");
      errors.put(key, new LineError(status, "HTTP " + status
          + (apiError.hasNonNull("message") ? ": " + apiError.path("message").asText() : "")));
    }
  }

  /** Calls answered in this submission count as calls, with their tokens; the others came from the cache. */
  private static DocumentRows.Usage usage(Prepared row, Set<String> answered) {
    int calls = 0;
    int cached = 0;
    int prompt = 0;
    int completion = 0;
    for (DocumentModel.Request request : row.prompts().requests()) {
      DocumentModel.Answer answer = row.answers().get(request.idempotencyKey());
      if (answer == null) {
        continue;
      }
      if (answered.contains(request.idempotencyKey())) {
        calls++;
        prompt += answer.promptTokens();
        completion += answer.completionTokens();
      } else {
        cached++;
      }
    }
    return new DocumentRows.Usage(calls, cached, prompt, completion);
  }

  // --- rows -----------------------------------------------------------------------------------------------------

  /** A row of the submission with its prompts and the answers the cache has for them. */
  private record Prepared(EconomyRows.Row row, RowPrompts.Built prompts, Map<String, DocumentModel.Answer> answers) {}

  /** Builds the rows' prompts, and composes and checks a document as the worker does. */
  private final class Composer {

    private final EconomyRows.State state;
    private final TemplateVersion version;
    private LeakIndex leaks;

    Composer(EconomyRows.State state, TemplateVersion version) {
      this.state = state;
      this.version = version;
    }

    /** The rows' prompts and cached answers; a row whose prompt cannot be built is rejected here. */
    List<Prepared> prepare(List<EconomyRows.Row> chunk) {
      Map<EconomyRows.Row, RowPrompts.Built> built = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      for (EconomyRows.Row row : chunk) {
        RowPrompts.Built prompts = RowPrompts.build(version, row.values(), row.idempotencyKey(), state.model(),
            row.reviewComment());
        if (prompts.refused()) {
          rows.rejected(row.id(), EconomyRows.owner(state.batchId()), prompts.refusal());
          continue;
        }
        built.put(row, prompts);
        prompts.requests().forEach(request -> keys.add(request.idempotencyKey()));
      }
      Map<String, DocumentModel.Answer> cached = economy.cached(keys);
      List<Prepared> prepared = new ArrayList<>();
      built.forEach((row, prompts) -> {
        Map<String, DocumentModel.Answer> answers = new HashMap<>();
        prompts.requests().forEach(request -> {
          DocumentModel.Answer answer = cached.get(request.idempotencyKey());
          if (answer != null) {
            answers.put(request.idempotencyKey(), answer);
          }
        });
        prepared.add(new Prepared(row, prompts, answers));
      });
      return prepared;
    }

    /** Every section answered: the document composed, checked and stored as the worker stores it. */
    void finish(Prepared row, Set<String> answered) {
      Map<String, String> outputs = new LinkedHashMap<>();
      List<CheckResult> failures = new ArrayList<>();
      for (int i = 0; i < row.prompts().requests().size(); i++) {
        TemplateSection section = version.sections().get(i);
        String text = row.answers().get(row.prompts().requests().get(i).idempotencyKey()).text();
        outputs.put(section.name(), text);
        failures.addAll(checks.section(section, text));
      }
      String document = TemplateRenderer.document(version, row.row().values(), outputs).text();
      if (leaks == null) {
        leaks = LeakIndex.of(rows.inputs(state.batchId()));
      }
      failures.addAll(checks.document(document, row.row().line(), leaks));
      rows.generated(row.row().id(), EconomyRows.owner(state.batchId()), document, failures,
          row.prompts().promptHash(), usage(row, answered));
    }
  }

  private void save(EconomyRows.State state, String inputFile, String openAiBatch, String status, Instant polledAt) {
    if (!economy.save(state.batchId(), node, inputFile, openAiBatch, status, polledAt)) {
      throw new LostLease();
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Temporary file {} not deleted: {}", file, e.toString());
    }
  }

  /** This node's lease on the batch ran out and another node took it: this one stops where it is. */
  private static final class LostLease extends RuntimeException {
    LostLease() {
      super(null, null, false, false);
    }
  }
}
