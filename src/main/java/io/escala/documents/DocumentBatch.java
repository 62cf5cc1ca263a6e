package io.escala.documents;

import java.time.Instant;

/** A batch as staff and the diagram see it. */
public record DocumentBatch(long id, long templateVersionId, String model, Status status, String requestedBy,
    int rowsTotal, int rowsRejected, int rowsGenerated, int rowsFlagged, int rowsFailed, int llmCalls,
    int cachedCalls, long promptTokens, long completionTokens, long costMicros, Instant createdAt, Instant startedAt,
    Instant finishedAt) {

  public enum Status { RECEIVING, READY, RUNNING, GENERATED, CANCELLED }

  public enum Source { CSV, JSON }
}
