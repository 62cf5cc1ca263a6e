package io.escala.demos;

import io.escala.platform.FormPatterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;

/**
 * What the public booking form posts. Messages are keys of the {@code demos} bundle, resolved in the visitor's
 * language; the slot is checked against the free ones by {@link DemoBookings}, not here.
 */
public class BookingForm {

  /** Phones are stored in E.164 (the WhatsApp reminders need it): a plus, the country code, up to 15 digits. */
  static final String E164_OR_BLANK = "^(|\\+[1-9][0-9]{6,14})$";

  @NotBlank(message = "{demos.form.slot.required}")
  @Size(max = 40, message = "{demos.form.slot.required}")
  private String slot;

  @NotBlank(message = "{demos.form.name.required}")
  @Size(max = 120, message = "{demos.form.name.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{demos.form.name.invalid}")
  private String name;

  @NotBlank(message = "{demos.form.email.required}")
  @Size(max = 254, message = "{demos.form.email.invalid}")
  @Email(regexp = FormPatterns.EMAIL_OR_BLANK, message = "{demos.form.email.invalid}")
  private String email;

  @Size(max = 120, message = "{demos.form.company.size}")
  @Pattern(regexp = FormPatterns.NO_CONTROL_CHARACTERS, message = "{demos.form.company.invalid}")
  private String company;

  @Pattern(regexp = E164_OR_BLANK, message = "{demos.form.phone.invalid}")
  private String phone;

  /** The form's one-time id: sent twice, it books once. */
  @NotBlank(message = "{demos.form.expired}")
  @Pattern(regexp = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
      message = "{demos.form.expired}")
  private String requestId;

  @Size(max = 10)
  private String language;

  /** The zone the visitor saw the times in (browser or picker). */
  @Size(max = 60)
  private String zone;

  /** Signed links the page was opened with; checked again on submit. */
  @Size(max = 512)
  private String lead;

  @Size(max = 512)
  private String rebook;

  /** Honeypot: hidden from people, filled by bots. */
  private String website;

  /** The chosen start, or null when it is not an instant. */
  Instant start() {
    return DemoTimes.slot(slot);
  }

  boolean isHoneypotFilled() {
    return website != null && !website.isBlank();
  }

  public String getSlot() {
    return slot;
  }

  public void setSlot(String slot) {
    this.slot = slot;
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

  /** Lower-cased and trimmed: the lead's key is the normalized address. */
  public void setEmail(String email) {
    this.email = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  public String getCompany() {
    return company;
  }

  public void setCompany(String company) {
    this.company = company == null || company.isBlank() ? null : company.strip();
  }

  public String getPhone() {
    return phone;
  }

  /** "+52 55 1234-5678" and "+52 (55) 1234 5678" are the same number: separators are dropped. */
  public void setPhone(String phone) {
    this.phone = phone == null ? null : phone.replaceAll("[\\s().\\-]", "");
  }

  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
  }

  public String getLead() {
    return lead;
  }

  public void setLead(String lead) {
    this.lead = lead;
  }

  public String getRebook() {
    return rebook;
  }

  public void setRebook(String rebook) {
    this.rebook = rebook;
  }

  public String getWebsite() {
    return website;
  }

  public void setWebsite(String website) {
    this.website = website;
  }
}
