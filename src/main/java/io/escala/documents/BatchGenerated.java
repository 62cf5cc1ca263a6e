package io.escala.documents;

/** Published once, when the last row of a batch is generated or failed: the batch's diagram waits for it. */
public record BatchGenerated(long batchId) {}
