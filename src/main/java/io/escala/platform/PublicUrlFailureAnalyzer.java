package io.escala.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing public URL ends the start with its one line of explanation instead of a bean-creation stack trace. */
class PublicUrlFailureAnalyzer extends AbstractFailureAnalyzer<PublicUrl.Missing> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PublicUrl.Missing cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Set ESCALA_PUBLICURL, e.g. ESCALA_PUBLICURL=https://escala.example.com (the load balancer's address).", cause);
  }
}
