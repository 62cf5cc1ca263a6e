package io.escala.documents;

import java.time.Instant;
import java.util.Locale;

/** A batch as staff and the diagram see it. */
public record DocumentBatch(long id, long templateVersionId, String model, Status status, String requestedBy,
    int rowsTotal, int rowsRejected, int rowsGenerated, int rowsFlagged, int rowsFailed, int llmCalls,
    int cachedCalls, long promptTokens, long completionTokens, long costMicros, Instant createdAt, Instant startedAt,
    Instant finishedAt, Requester requester, Mode mode, int reviewRound, Instant pausedAt, Instant cancelledAt,
    Instant deliveredAt) {

  /**
   * RECEIVING (intake running) → READY → RUNNING ⇄ PAUSED → GENERATED → (review: RUNNING again for a regeneration)
   * APPROVED → DELIVERED, or REJECTED; CANCELLED from any state before APPROVED.
   */
  public enum Status { RECEIVING, READY, RUNNING, PAUSED, GENERATED, APPROVED, REJECTED, DELIVERED, CANCELLED }

  public enum Source { CSV, JSON }

  /** STANDARD: the worker's calls, at the speed the LLM allows; ECONOMY: the OpenAI Batch API, later and cheaper. */
  public enum Mode { STANDARD, ECONOMY }

  /** Who the batch is for: the start and end e-mails go to them, in their language. */
  public record Requester(String name, String email, Locale locale) {}
}
