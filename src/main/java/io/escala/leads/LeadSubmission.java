package io.escala.leads;

import io.escala.platform.FormPatterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A lead as the contact form or an external form tool (JSON webhook) submits it. Messages are keys resolved in the
 * visitor's language; codes come from fixed lists so the DMN tables can score them.
 */
public class LeadSubmission {

  @NotBlank(message = "{lead.name.required}")
  @Size(max = 120, message = "{lead.name.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{lead.name.invalid}")
  private String name;

  @NotBlank(message = "{lead.email.required}")
  @Size(max = 254, message = "{lead.email.invalid}")
  @Email(regexp = FormPatterns.EMAIL_OR_BLANK, message = "{lead.email.invalid}")
  private String email;

  @Size(max = 120, message = "{lead.company.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{lead.company.invalid}")
  private String company;

  @Pattern(regexp = "^(|founder|executive|manager|individual|student)$", message = "{lead.choice.invalid}")
  private String role;

  @Pattern(regexp = "^(|1-10|11-50|51-200|201-1000|1000\\+)$", message = "{lead.choice.invalid}")
  private String companySize;

  @Pattern(regexp = "^(|[A-Z]{2})$", message = "{lead.choice.invalid}")
  private String country;

  @Pattern(regexp = "^(|<1k|1k-5k|5k-20k|20k\\+)$", message = "{lead.choice.invalid}")
  private String budgetRange;

  @NotBlank(message = "{lead.interest.required}")
  @Pattern(regexp = "^(|ai-courses|marketing-automation|document-generation|other)$",
      message = "{lead.interest.required}")
  private String interest;

  @Size(max = 2000, message = "{lead.need.size}")
  private String need;

  /** IANA zone from the browser (optional); else derived from the country. */
  @Size(max = 60, message = "{lead.timeZone.invalid}")
  private String timeZone;

  private boolean consentEmail;

  private boolean consentPhone;

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

  /** Trimmed: " ana@empresa.com " from a form tool or a paste is ana@empresa.com, not an invalid address. */
  public void setEmail(String email) {
    this.email = email == null ? null : email.strip();
  }

  public String getCompany() {
    return company;
  }

  public void setCompany(String company) {
    this.company = company;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getCompanySize() {
    return companySize;
  }

  public void setCompanySize(String companySize) {
    this.companySize = companySize;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public String getBudgetRange() {
    return budgetRange;
  }

  public void setBudgetRange(String budgetRange) {
    this.budgetRange = budgetRange;
  }

  public String getInterest() {
    return interest;
  }

  public void setInterest(String interest) {
    this.interest = interest;
  }

  public String getNeed() {
    return need;
  }

  public void setNeed(String need) {
    this.need = need;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public boolean isConsentEmail() {
    return consentEmail;
  }

  public void setConsentEmail(boolean consentEmail) {
    this.consentEmail = consentEmail;
  }

  public boolean isConsentPhone() {
    return consentPhone;
  }

  public void setConsentPhone(boolean consentPhone) {
    this.consentPhone = consentPhone;
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
