package io.escala.lms;

import java.util.Locale;
import java.util.Objects;

/**
 * The person to enrol, as the LMS needs them for an account.
 *
 * @param email the learner's address; stored trimmed and in lower case, the identity the LMS account is found by
 */
public record LmsLearner(String email, String firstName, String lastName) {

  public LmsLearner {
    Objects.requireNonNull(email, "email");
    email = email.trim().toLowerCase(Locale.ROOT);
    if (email.indexOf('@') < 1) {
      throw new IllegalArgumentException("Not an e-mail address: " + email);
    }
    if (firstName == null || firstName.isBlank() || lastName == null || lastName.isBlank()) {
      // Moodle requires both names on every account
      throw new IllegalArgumentException("An LMS learner needs a first and a last name");
    }
    firstName = firstName.trim();
    lastName = lastName.trim();
  }

  @Override
  public String toString() {
    return "LmsLearner[<personal data>]";
  }
}
