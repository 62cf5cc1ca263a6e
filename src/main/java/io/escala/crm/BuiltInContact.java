package io.escala.crm;

import java.time.OffsetDateTime;

/** A contact row of the built-in CRM, as the staff pages show it. Timestamps are in UTC. */
public record BuiltInContact(
    long id,
    String email,
    String firstName,
    String lastName,
    String company,
    String country,
    String language,
    LifecycleStage stage,
    String source,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** First and last name as far as known; empty when neither is. */
  public String fullName() {
    String first = firstName == null ? "" : firstName;
    String last = lastName == null ? "" : lastName;
    return (first + " " + last).trim();
  }
}
