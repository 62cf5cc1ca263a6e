package io.escala.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.documents.staff.*}: the document team's pages and the batches REST API.
 *
 * @param rateWindow progress: the rate is documents finished over this last window (since the start when the batch
 *     is younger)
 * @param pollInterval how often an open batch page asks for its progress
 * @param batchesListed batches on the list page, newest first
 * @param errorsShown input errors listed on a batch page (the error report has them all)
 * @param apiErrorsReturned rejected rows listed in the REST API's answer (the error report has them all)
 */
@ConfigurationProperties("escala.documents.staff")
public record DocumentStaffProperties(
    @DefaultValue("PT1M") Duration rateWindow,
    @DefaultValue("PT5S") Duration pollInterval,
    @DefaultValue("100") int batchesListed,
    @DefaultValue("20") int errorsShown,
    @DefaultValue("100") int apiErrorsReturned) {

  public DocumentStaffProperties {
    if (rateWindow.isNegative() || rateWindow.isZero() || pollInterval.toMillis() < 500) {
      throw new IllegalArgumentException("escala.documents.staff.rate-window must be positive and poll-interval at"
          + " least PT0.5S");
    }
  }
}
