package io.escala.onboarding;

import io.escala.platform.FormPatterns;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The public signup form. Messages are keys resolved in the visitor's language. Names and company reject control
 * characters, so nothing typed here can become an e-mail header.
 */
public class SignupForm {

  @NotBlank(message = "{signup.name.required}")
  @Size(max = 120, message = "{signup.name.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{signup.name.invalid}")
  private String name;

  @NotBlank(message = "{signup.email.required}")
  @Size(max = 254, message = "{signup.email.invalid}")
  @Email(regexp = FormPatterns.EMAIL_OR_BLANK, message = "{signup.email.invalid}")
  private String email;

  @NotBlank(message = "{signup.company.required}")
  @Size(max = 120, message = "{signup.company.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{signup.company.invalid}")
  private String company;

  @NotBlank(message = "{signup.country.required}")
  @Pattern(regexp = "^(|[A-Z]{2})$", message = "{signup.country.required}")
  private String country;

  @NotBlank(message = "{signup.product.required}")
  @Pattern(regexp = "^(|course-platform|marketing-saas|document-service)$", message = "{signup.product.required}")
  private String product;

  @NotBlank(message = "{signup.plan.required}")
  @Pattern(regexp = "^(|starter|growth|scale)$", message = "{signup.plan.required}")
  private String plan;

  @Size(max = 2000, message = "{signup.goals.size}")
  private String goals;

  @AssertTrue(message = "{signup.consent.required}")
  private boolean consent;

  /** Honeypot: hidden from people, filled by bots. */
  private String website;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getCompany() {
    return company;
  }

  public void setCompany(String company) {
    this.company = company;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public String getProduct() {
    return product;
  }

  public void setProduct(String product) {
    this.product = product;
  }

  public String getPlan() {
    return plan;
  }

  public void setPlan(String plan) {
    this.plan = plan;
  }

  public String getGoals() {
    return goals;
  }

  public void setGoals(String goals) {
    this.goals = goals;
  }

  public boolean isConsent() {
    return consent;
  }

  public void setConsent(boolean consent) {
    this.consent = consent;
  }

  public String getWebsite() {
    return website;
  }

  public void setWebsite(String website) {
    this.website = website;
  }

  public boolean isHoneypotFilled() {
    return website != null && !website.isBlank();
  }
}
