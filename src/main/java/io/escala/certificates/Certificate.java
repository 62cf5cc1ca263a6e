package io.escala.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One issued certificate. After erasure only the code, course and dates are left (name and e-mail are null).
 *
 * @param language the language it is written in (es, pt-BR, en)
 */
public record Certificate(String code, String learnerName, String learnerEmail, String courseTitle,
    LocalDate completedOn, Locale language, Instant issuedAt, Instant revokedAt, String revokedBy,
    String revokeReason, Instant erasedAt) {

  public enum Status { VALID, REVOKED, ERASED }

  public Status status() {
    if (erasedAt != null) {
      return Status.ERASED;
    }
    return revokedAt != null ? Status.REVOKED : Status.VALID;
  }

  public boolean valid() {
    return status() == Status.VALID;
  }
}
