package io.escala.documents;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * PLACEHOLDER of helper C's branch: the lead's BatchFlow (the bulk-document-approval process) replaces this file at
 * merge. Same signatures as the lead's class.
 */
@Component
public class BatchFlow {

  public void start(long batchId) {
    throw new UnsupportedOperationException("BatchFlow is the lead's: placeholder on branch h-c");
  }

  public void cancel(long batchId, String by) {
    throw new UnsupportedOperationException("BatchFlow is the lead's: placeholder on branch h-c");
  }

  public Optional<String> reviewTaskId(long batchId) {
    throw new UnsupportedOperationException("BatchFlow is the lead's: placeholder on branch h-c");
  }

  public void finishReview(long batchId, String userId) {
    throw new UnsupportedOperationException("BatchFlow is the lead's: placeholder on branch h-c");
  }
}
