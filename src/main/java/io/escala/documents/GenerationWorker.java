package io.escala.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Generates the rows of running batches on this node: claims rows in chunks ({@link DocumentRows#claim}) as threads
 * of its pool ({@code escala.documents.concurrency}) come free, with at most one chunk waiting ahead of them, so two
 * nodes share a batch and a node that dies leaves its rows to the others once their lease runs out.
 *
 * <p>Each LLM section of a row is one call under the key {@code row idempotency key:section}, sent as
 * {@code Idempotency-Key}. The answer is stored in {@code document_llm_cache} before the row is marked done, and
 * looked up before any call, so a row claimed again after a crash, or the same row in a later batch, is served from
 * the cache; on one node, rows with the same key share one call. Calls wait for the request and token buckets and,
 * on 429 / 5xx / time-out, for {@link Backoff} (honouring {@code Retry-After}), renewing the lease before each
 * attempt. When a node finishes the last open row of a batch, it closes the batch and publishes
 * {@link BatchGenerated}.
 *
 * <p>{@link #stop()} behaves like a node going away between two steps: calls in flight complete and their answers
 * are cached, but no row is marked done or released; the rows stay claimed until their lease runs out.
 */
public class GenerationWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GenerationWorker.class);
  /** A row claimed this often without finishing (it takes its node down?) fails instead of being claimed again. */
  static final int MAX_CLAIMS = 5;
  private final DocumentRows rows;
  private final DocumentBatches batches;
  private final DocumentTemplates templates;
  private final DocumentChecks checks;
  private final DocumentModel model;
  private final DocumentsProperties properties;
  private final Clock clock;
  private final String nodeName;
  private final boolean autoStartup;
  private final Backoff backoff;
  private final TokenBucket requests;
  private final TokenBucket tokens;
  private final Map<String, CompletableFuture<DocumentModel.Answer>> inFlight = new ConcurrentHashMap<>();
  private final Map<Long, LeakIndex> leakIndexes = new ConcurrentHashMap<>();
  private final AtomicInteger callsMade = new AtomicInteger();

  private volatile boolean running;
  private volatile boolean drained;
  private volatile CountDownLatch stopped = new CountDownLatch(0);
  private volatile String node;
  private ExecutorService pool;
  private Thread claimer;
  private Semaphore slots;

  public GenerationWorker(DocumentRows rows, DocumentBatches batches, DocumentTemplates templates,
      DocumentChecks checks, DocumentModel model, DocumentsProperties properties, Clock clock, String nodeName,
      boolean autoStartup) {
    this.rows = rows;
    this.batches = batches;
    this.templates = templates;
    this.checks = checks;
    this.model = model;
    this.properties = properties;
    this.clock = clock;
    this.nodeName = nodeName;
    this.autoStartup = autoStartup;
    this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax(),
        () -> ThreadLocalRandom.current().nextDouble());
    this.requests = TokenBucket.perMinute(properties.requestsPerMinute());
    this.tokens = TokenBucket.perMinute(properties.tokensPerMinute());
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    node = nodeName + "-" + UUID.randomUUID().toString().substring(0, 8);
    stopped = new CountDownLatch(1);
    // a chunk more than the pool: rows wait claimed in the pool's queue instead of threads waiting for the claimer
    slots = new Semaphore(properties.concurrency() + properties.claimChunk());
    AtomicInteger threads = new AtomicInteger();
    pool = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "documents-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    running = true;
    claimer = new Thread(this::claimLoop, "documents-claimer");
    claimer.setDaemon(true);
    claimer.start();
    log.info("Document generation worker {} started: {} calls at once, lease {}", node, properties.concurrency(),
        properties.lease());
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    stopped.countDown();
    claimer.interrupt();
    pool.shutdown();
    try {
      claimer.join(TimeUnit.SECONDS.toMillis(30));
      if (!pool.awaitTermination(properties.llmTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("Document generation worker {} stopped; rows it held stay claimed until their lease runs out", node);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  /** The node id in {@code claimed_by} while running. */
  public String node() {
    return node;
  }

  /** HTTP requests this worker sent to the LLM (each attempt counts). */
  public int callsMade() {
    return callsMade.get();
  }

  private void claimLoop() {
    while (running) {
      try {
        slots.acquire();
        int wanted = 1;
        while (wanted < properties.claimChunk() && slots.tryAcquire()) {
          wanted++;
        }
        List<DocumentRows.ClaimedRow> claimed;
        try {
          claimed = running ? rows.claim(node, wanted, properties.lease()) : List.of();
        } catch (RuntimeException e) {
          slots.release(wanted);
          log.warn("Worker {} could not claim rows: {}", node, e.toString());
          pause(properties.idlePoll());
          continue;
        }
        slots.release(wanted - claimed.size());
        drained = claimed.size() < wanted;
        for (DocumentRows.ClaimedRow row : claimed) {
          pool.execute(() -> {
            try {
              process(row);
            } finally {
              slots.release();
            }
          });
        }
        if (claimed.isEmpty()) {
          closeFinishedBatches();
          pause(properties.idlePoll());
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void closeFinishedBatches() {
    try {
      for (long batchId : batches.runningWithoutOpenRows()) {
        if (batches.closeIfDone(batchId)) {
          leakIndexes.remove(batchId);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Worker {} could not close finished batches: {}", node, e.toString());
    }
  }

  /** Waits, but wakes at once when the worker stops. */
  private boolean pause(Duration duration) throws InterruptedException {
    return stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void process(DocumentRows.ClaimedRow row) {
    if (!running) {
      return; // claimed, queued, never started: left to its lease
    }
    Usage usage = new Usage();
    try {
      if (row.attempts() > MAX_CLAIMS) {
        String error = "claimed " + row.attempts() + " times without finishing";
        finished(row, rows.failed(row.id(), node, error, usage.of()));
        return;
      }
      TemplateVersion version = templates.version(row.templateVersionId());
      RowPrompts.Built prompts = RowPrompts.build(version, row.values(), row.idempotencyKey(), row.model(),
          row.reviewComment());
      if (prompts.refused()) {
        finished(row, rows.rejected(row.id(), node, prompts.refusal()));
        return;
      }
      Map<String, String> outputs = new LinkedHashMap<>();
      List<CheckResult> failures = new ArrayList<>();
      for (int i = 0; i < prompts.requests().size(); i++) {
        TemplateSection section = version.sections().get(i);
        DocumentModel.Answer answer = answer(row, prompts.requests().get(i), usage);
        outputs.put(section.name(), answer.text());
        failures.addAll(checks.section(section, answer.text()));
      }
      String document = TemplateRenderer.document(version, row.values(), outputs).text();
      failures.addAll(checks.document(document, row.line(), leakIndex(row.batchId())));
      if (!running) {
        throw new Abandoned();
      }
      finished(row, rows.generated(row.id(), node, document, failures, prompts.promptHash(), usage.of()));
    } catch (DocumentModel.CallFailedException e) {
      log.warn("Row {} of batch {} failed: {}", row.line(), row.batchId(), e.getMessage());
      finished(row, rows.failed(row.id(), node, e.getMessage(), usage.of()));
    } catch (Abandoned e) {
      // stopped, or the lease went to another node: the row is left as it is, with what its calls cost (a node
      // that dies instead of stopping loses this tally, not the answers, which are cached)
      rows.addUsage(row.id(), node, usage.of());
    } catch (RuntimeException e) {
      // a database outage, a bug: the row stays claimed and is taken again after its lease
      log.error("Row {} of batch {} not finished, retried after its lease: {}", row.line(), row.batchId(),
          e.toString(), e);
    }
  }

  /**
   * Once claims come back short (no pending row left to this node), each finished row checks whether it was its
   * batch's last; before that the check would cost a query per row for nothing. Batches finished elsewhere, or
   * while this node was busy, are closed by the sweep of an idle claimer.
   */
  private void finished(DocumentRows.ClaimedRow row, boolean stillOurs) {
    if (stillOurs && drained && batches.closeIfDone(row.batchId())) {
      leakIndexes.remove(row.batchId());
    }
  }

  /** The cached answer, the answer of a call for the same key running on this node, or a new call. */
  private DocumentModel.Answer answer(DocumentRows.ClaimedRow row, DocumentModel.Request request, Usage usage) {
    var cached = rows.cached(request.idempotencyKey());
    if (cached.isPresent()) {
      usage.cached++;
      return cached.get();
    }
    CompletableFuture<DocumentModel.Answer> mine = new CompletableFuture<>();
    CompletableFuture<DocumentModel.Answer> running = inFlight.putIfAbsent(request.idempotencyKey(), mine);
    if (running != null) {
      try {
        DocumentModel.Answer shared = running.get();
        usage.cached++;
        return shared;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Abandoned();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    try {
      DocumentModel.Answer answer = call(row, request, usage);
      rows.cache(request.idempotencyKey(), answer);
      usage.promptTokens += answer.promptTokens();
      usage.completionTokens += answer.completionTokens();
      mine.complete(answer);
      return answer;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(request.idempotencyKey(), mine);
    }
  }

  private DocumentModel.Answer call(DocumentRows.ClaimedRow row, DocumentModel.Request request, Usage usage) {
    long estimate = (request.system().length() + request.user().length()) / 4 + request.maxTokens();
    Instant leaseUntil = row.leaseUntil();
    for (int attempt = 1; ; attempt++) {
      if (!running) {
        throw new Abandoned();
      }
      try {
        if (requests != null) {
          requests.acquire(1);
        }
        if (tokens != null) {
          tokens.acquire(estimate);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Abandoned();
      }
      // after the buckets, not before: a wait in them (up to concurrency / rate) must not eat the lease the call needs
      if (clock.instant().plus(properties.llmTimeout().multipliedBy(2)).isAfter(leaseUntil)) {
        if (!rows.renewLease(row.id(), node, properties.lease())) {
          throw new Abandoned();
        }
        leaseUntil = clock.instant().plus(properties.lease());
      }
      try {
        usage.calls++;
        callsMade.incrementAndGet();
        DocumentModel.Answer answer = model.complete(request);
        if (tokens != null) {
          tokens.adjust(answer.promptTokens() + answer.completionTokens() - estimate);
        }
        return answer;
      } catch (DocumentModel.CallFailedException e) {
        if (!Backoff.retryable(e.status()) || attempt >= properties.maxAttempts()) {
          throw e;
        }
        Duration wait = backoff.delay(attempt, e.retryAfter());
        log.debug("Row {} section {}: {} on attempt {}, next in {}", row.line(), request.sectionName(),
            e.getMessage(), attempt, wait);
        try {
          if (pause(wait)) {
            throw new Abandoned();
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new Abandoned();
        }
      }
    }
  }

  private LeakIndex leakIndex(long batchId) {
    return leakIndexes.computeIfAbsent(batchId, id -> LeakIndex.of(rows.inputs(id)));
  }

  private static final class Usage {
    int calls;
    int cached;
    int promptTokens;
    int completionTokens;

    DocumentRows.Usage of() {
      return new DocumentRows.Usage(calls, cached, promptTokens, completionTokens);
    }
  }

  /** The row is left to its lease: this node stops, or another node owns it now. */
  private static final class Abandoned extends RuntimeException {
    Abandoned() {
      super(null, null, false, false);
    }
  }
}
