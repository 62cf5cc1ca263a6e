package io.escala.documents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.documents.review.*}: approval of a batch by sampling ({@link SampleReview}).
 *
 * @param samplePercent share of a round's generated documents drawn at random, in percent
 * @param minSample the random draw has at least this many documents (or every generated one, if fewer)
 * @param maxRejectionPercent a round whose sample has a higher rejection rate (in percent) is not approved
 * @param maxRegenerations regeneration rounds a batch may have before a sample above the threshold rejects it
 */
@ConfigurationProperties("escala.documents.review")
public record ReviewProperties(
    @DefaultValue("5") double samplePercent,
    @DefaultValue("10") int minSample,
    @DefaultValue("10") double maxRejectionPercent,
    @DefaultValue("2") int maxRegenerations) {

  public ReviewProperties {
    if (samplePercent < 0 || samplePercent > 100 || maxRejectionPercent < 0 || maxRejectionPercent > 100) {
      throw new IllegalArgumentException(
          "escala.documents.review.sample-percent and max-rejection-percent must be between 0 and 100");
    }
    if (minSample < 0 || maxRegenerations < 0) {
      throw new IllegalArgumentException("escala.documents.review.min-sample and max-regenerations must be 0 or more");
    }
  }

  /** Defaults, for code that builds the module by hand (tests). */
  public static ReviewProperties defaults() {
    return new ReviewProperties(5, 10, 10, 2);
  }
}
