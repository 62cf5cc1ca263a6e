package io.escala.leads;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** A stored lead. {@code key} is the normalized e-mail address. */
public record Lead(
    String key,
    String name,
    String company,
    String role,
    String companySize,
    String country,
    String budgetRange,
    String interest,
    String need,
    Locale language,
    ZoneId timeZone,
    boolean consentEmail,
    boolean consentPhone,
    String consentText,
    Instant consentAt,
    String source,
    Status status,
    Instant createdAt) {

  public enum Status { OPEN, UNSUBSCRIBED, BOUNCED, DEMO_BOOKED, HANDLED }

  public String email() {
    return key;
  }

  public String firstName() {
    String trimmed = name.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  /** Longest {@link #label()}: with "Qualify overdue lead: " it fits Camunda's 255-character task name. */
  static final int LABEL_MAX = 200;

  /**
   * Whose case it is, short, for a task name in Tasklist's list: "Ana Souza · Academia Nova", or only the name
   * without a company.
   */
  public String label() {
    String label = company == null || company.isBlank() ? name.strip() : name.strip() + " · " + company.strip();
    return label.length() <= LABEL_MAX ? label : label.substring(0, LABEL_MAX - 1) + "…";
  }

  public LeadProfile profile() {
    return new LeadProfile(companySize, budgetRange, role, country, interest);
  }

  /** E-mail may be sent: consent given and not withdrawn, address not bouncing. */
  public boolean mayReceiveEmail() {
    return consentEmail && status != Status.UNSUBSCRIBED && status != Status.BOUNCED;
  }
}
