package io.escala.onboarding;

import java.time.Instant;
import java.util.Locale;

/** A stored signup. {@code email} is normalized (trimmed, lower case). */
public record Signup(
    String id,
    String email,
    String name,
    String company,
    String country,
    Product product,
    Plan plan,
    String goals,
    Locale locale,
    String consentText,
    Instant consentAt,
    Status status,
    Instant createdAt,
    Instant verifiedAt,
    Instant activatedAt) {

  public enum Status { PENDING_VERIFICATION, VERIFIED, ACTIVE }

  public String firstName() {
    String trimmed = name.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  public static String normalizeEmail(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }
}
