package io.escala.platform;

import java.util.Set;

/**
 * A feature that keeps personal data about a person, found by e-mail address: flows (their cases and tables), the
 * outbox, the CRM. {@link CaseErasure} asks every holder; a new flow declares one bean and is covered.
 */
public interface PersonalDataHolder {

  /** Business keys of this feature's cases about the person (their runtime and history are deleted first). */
  default Set<String> caseKeys(String normalizedEmail) {
    return Set.of();
  }

  /** Deletes this feature's own records of the person. Runs in the erasure's transaction, after the cases. */
  void erase(String normalizedEmail);

  /** Deletes what this feature keeps per case (process instance), for every case of the person being erased. */
  default void eraseCase(String processInstanceId) {}
}
