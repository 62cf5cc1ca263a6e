package io.escala.leads;

import java.util.Locale;

/**
 * What a lead told us about itself, as codes of the lead-capture form (the inputs of the {@code lead-fit} decision):
 * companySize {@code 1-10 | 11-50 | 51-200 | 201-1000 | 1000+}, budgetRange {@code <1k | 1k-5k | 5k-20k | 20k+},
 * role {@code founder | executive | manager | individual | student}, country ISO 3166 alpha-2, interest
 * {@code ai-courses | marketing-automation | document-generation | other}. Any field may be null (not asked or not
 * answered); it then scores nothing.
 */
public record LeadProfile(String companySize, String budgetRange, String role, String country, String interest) {

  /** The decision table compares exact codes, so " mx" or "Founder" must not silently score nothing. */
  public LeadProfile {
    companySize = code(companySize, false);
    budgetRange = code(budgetRange, false);
    role = code(role, false);
    country = code(country, true);
    interest = code(interest, false);
  }

  private static String code(String value, boolean upperCase) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    return upperCase ? trimmed.toUpperCase(Locale.ROOT) : trimmed.toLowerCase(Locale.ROOT);
  }
}
