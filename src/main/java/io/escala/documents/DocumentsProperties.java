package io.escala.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.documents.*}: bulk document generation. The LLM endpoint, key and default model are
 * {@code escala.llm.*}.
 *
 * @param workerEnabled the generation worker runs on this node (it also needs {@code escala.llm.api-key})
 * @param concurrency LLM calls in flight at once on this node
 * @param claimChunk rows claimed per query, at most the free slots of the pool
 * @param lease how long a claimed row belongs to its node; a node that dies gives its rows up when it runs out.
 *     Must be above {@code llmTimeout}: the lease is renewed before every attempt
 * @param idlePoll wait between claims when no row is waiting
 * @param requestsPerMinute this node's share of the LLM requests per minute (0: no limit)
 * @param tokensPerMinute this node's share of the LLM tokens per minute (0: no limit)
 * @param llmTimeout one HTTP call to the LLM
 * @param maxAttempts HTTP attempts of one call (429, 5xx, time-outs) before the row fails
 * @param backoffBase first wait after a 429 / 5xx without {@code Retry-After}; doubled per attempt
 * @param backoffMax the longest such wait
 * @param maxRowChars a CSV record (all its fields) above this is refused unread
 * @param maxFieldChars one field above this is refused
 * @param maxRows rows of one batch; the rest of a longer file is reported, not read
 * @param promptPricePerMillion USD per million prompt tokens, for the batch's cost
 * @param completionPricePerMillion USD per million completion tokens
 */
@ConfigurationProperties("escala.documents")
public record DocumentsProperties(
    @DefaultValue("true") boolean workerEnabled,
    @DefaultValue("8") int concurrency,
    @DefaultValue("16") int claimChunk,
    @DefaultValue("PT2M") Duration lease,
    @DefaultValue("PT1S") Duration idlePoll,
    @DefaultValue("0") int requestsPerMinute,
    @DefaultValue("0") long tokensPerMinute,
    @DefaultValue("PT30S") Duration llmTimeout,
    @DefaultValue("6") int maxAttempts,
    @DefaultValue("PT0.5S") Duration backoffBase,
    @DefaultValue("PT30S") Duration backoffMax,
    @DefaultValue("262144") int maxRowChars,
    @DefaultValue("32768") int maxFieldChars,
    @DefaultValue("100000") int maxRows,
    @DefaultValue("0.15") double promptPricePerMillion,
    @DefaultValue("0.60") double completionPricePerMillion) {

  public DocumentsProperties {
    if (concurrency < 1 || claimChunk < 1) {
      throw new IllegalArgumentException("escala.documents.concurrency and claim-chunk must be 1 or more");
    }
    if (lease.compareTo(llmTimeout.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("escala.documents.lease (" + lease + ") must be at least twice"
          + " escala.documents.llm-timeout (" + llmTimeout + "): a row must not be taken over while its call runs");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("escala.documents.max-attempts must be 1 or more");
    }
    if (maxFieldChars < 1 || maxRowChars < maxFieldChars) {
      throw new IllegalArgumentException("escala.documents.max-row-chars must be at least max-field-chars");
    }
  }

  /** Defaults, for code that builds the module by hand (tests, benchmarks). */
  public static DocumentsProperties defaults() {
    return new DocumentsProperties(true, 8, 16, Duration.ofMinutes(2), Duration.ofSeconds(1), 0, 0,
        Duration.ofSeconds(30), 6, Duration.ofMillis(500), Duration.ofSeconds(30), 262_144, 32_768, 100_000, 0.15,
        0.60);
  }
}
