package io.escala.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.documents.delivery.*}: how an approved batch reaches its requester.
 *
 * @param linkValidity how long the signed download link works (the link is never stored: it is signed when the
 *     e-mail is written)
 * @param pageSize rows read per query while a ZIP or the results CSV is streamed (at most this many documents are
 *     in memory at once, rendered)
 * @param renderThreads documents rendered at once for one node's downloads (0: one per core)
 * @param maxConcurrentDownloads ZIPs this node streams at once; one more gets "busy, try again in a minute" (429):
 *     each holds a request thread for as long as it streams
 */
@ConfigurationProperties("escala.documents.delivery")
public record DeliveryProperties(
    @DefaultValue("P14D") Duration linkValidity,
    @DefaultValue("32") int pageSize,
    @DefaultValue("0") int renderThreads,
    @DefaultValue("4") int maxConcurrentDownloads) {

  public DeliveryProperties {
    if (linkValidity.isNegative() || linkValidity.isZero()) {
      throw new IllegalArgumentException("escala.documents.delivery.link-validity must be positive");
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("escala.documents.delivery.page-size must be between 1 and 1000");
    }
    if (renderThreads < 0) {
      throw new IllegalArgumentException("escala.documents.delivery.render-threads must be 0 (one per core) or more");
    }
    if (maxConcurrentDownloads < 1) {
      throw new IllegalArgumentException("escala.documents.delivery.max-concurrent-downloads must be 1 or more");
    }
  }

  public static DeliveryProperties defaults() {
    return new DeliveryProperties(Duration.ofDays(14), 32, 0, 4);
  }

  int threads() {
    return renderThreads == 0 ? Runtime.getRuntime().availableProcessors() : renderThreads;
  }
}
