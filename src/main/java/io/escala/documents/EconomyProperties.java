package io.escala.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.documents.economy.*}: economy mode, batches generated through the OpenAI Batch API
 * ({@link EconomyGeneration}) at the endpoint and key of {@code escala.llm.*}.
 *
 * @param enabled economy batches are submitted and collected on this node (it also needs {@code escala.llm.api-key})
 * @param tick how often this node looks at the economy batches
 * @param pollInterval the least time between two requests about one OpenAI batch (status, or a retry after a failed
 *     upload or create)
 * @param lease how long one node keeps an economy batch to itself while it works on it; far above
 *     {@code httpTimeout}, so that no other node uploads or creates the same batch meanwhile
 * @param httpTimeout one request to the Files or Batches API (the upload of a large file included)
 * @param priceFactor what the Batch API's tokens cost against the list prices of {@code escala.documents.*}: the
 *     batch's cost is multiplied by it when it closes
 * @param maxRequestsPerFile lines of one input file (the Batch API takes 50,000); more rows go in a later submission
 * @param maxFileBytes size of one input file (the Batch API takes 200 MB); checked between chunks of rows, so keep a
 *     margin
 * @param maxSends submissions a row may be in without getting an answer (an expired or failed OpenAI batch) before it
 *     fails: 2 sends it once more
 */
@ConfigurationProperties("escala.documents.economy")
public record EconomyProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT15S") Duration tick,
    @DefaultValue("PT1M") Duration pollInterval,
    @DefaultValue("PT15M") Duration lease,
    @DefaultValue("PT2M") Duration httpTimeout,
    @DefaultValue("0.5") double priceFactor,
    @DefaultValue("50000") int maxRequestsPerFile,
    @DefaultValue("150000000") long maxFileBytes,
    @DefaultValue("2") int maxSends) {

  public EconomyProperties {
    if (lease.compareTo(httpTimeout.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("escala.documents.economy.lease (" + lease + ") must be at least three times"
          + " http-timeout (" + httpTimeout + "): a submission must not be taken over while its requests run");
    }
    if (priceFactor <= 0 || priceFactor > 1) {
      throw new IllegalArgumentException("escala.documents.economy.price-factor must be above 0 and at most 1");
    }
    if (maxRequestsPerFile < 1 || maxFileBytes < 1 || maxSends < 1) {
      throw new IllegalArgumentException(
          "escala.documents.economy.max-requests-per-file, max-file-bytes and max-sends must be 1 or more");
    }
  }

  /** Defaults, for code that builds the module by hand (tests). */
  public static EconomyProperties defaults() {
    return new EconomyProperties(true, Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofMinutes(15),
        Duration.ofMinutes(2), 0.5, 50_000, 150_000_000L, 2);
  }
}
