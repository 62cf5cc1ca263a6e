package io.escala.enrollment;

import io.escala.platform.FormPatterns;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the public enrollment form posts. Messages are keys of the {@code enrollment} bundle, resolved in the
 * visitor's language; whether the cohort is open and the payment method fits it is decided by {@link Enrollments}.
 */
public class EnrollmentForm {

  /** The countries the form offers; anyone else picks {@link #OTHER_COUNTRY}. */
  static final List<String> COUNTRIES = List.of("MX", "CO", "AR", "BR", "CL", "PE");
  static final String OTHER_COUNTRY = "OTHER";

  @NotBlank(message = "{enrollment.form.cohort.required}")
  @Size(max = 60, message = "{enrollment.form.cohort.required}")
  private String cohort;

  @NotBlank(message = "{enrollment.form.name.required}")
  @Size(max = 200, message = "{enrollment.form.name.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{enrollment.form.name.invalid}")
  private String name;

  @NotBlank(message = "{enrollment.form.email.required}")
  @Size(max = 254, message = "{enrollment.form.email.invalid}")
  @Email(regexp = FormPatterns.EMAIL_OR_BLANK, message = "{enrollment.form.email.invalid}")
  private String email;

  @NotBlank(message = "{enrollment.form.country.required}")
  @Pattern(regexp = "^(|MX|CO|AR|BR|CL|PE|OTHER)$", message = "{enrollment.form.country.required}")
  private String country;

  /** CARD, PIX or TRANSFER; only for a paid cohort, checked against it by the controller. */
  @Pattern(regexp = "^(|CARD|PIX|TRANSFER)$", message = "{enrollment.form.method.required}")
  private String method;

  @AssertTrue(message = "{enrollment.form.consent.required}")
  private boolean consent;

  /** The zone the visitor saw the times in (the browser's). */
  @Size(max = 60)
  private String zone;

  @Size(max = 10)
  private String language;

  /** Honeypot: hidden from people, filled by bots. */
  private String website;

  boolean isHoneypotFilled() {
    return website != null && !website.isBlank();
  }

  /** The country code stored with the enrollment; null for "other". */
  String countryCode() {
    return country == null || !COUNTRIES.contains(country) ? null : country;
  }

  PaymentMethod paymentMethod() {
    return method == null || method.isBlank() ? null : PaymentMethod.valueOf(method);
  }

  public String getCohort() {
    return cohort;
  }

  public void setCohort(String cohort) {
    this.cohort = cohort == null ? null : cohort.strip();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name == null ? null : name.strip();
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = Enrollments.normalizeEmail(email);
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public boolean isConsent() {
    return consent;
  }

  public void setConsent(boolean consent) {
    this.consent = consent;
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getWebsite() {
    return website;
  }

  public void setWebsite(String website) {
    this.website = website;
  }
}
