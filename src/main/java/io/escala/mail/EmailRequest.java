package io.escala.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One e-mail to render and send.
 *
 * @param idempotencyKey derived from (process instance, activity, target); a second request with the same key sends
 *     nothing
 * @param template Thymeleaf template under {@code templates/mail/}, without extension, e.g. {@code onboarding/verify};
 *     both {@code .html} and {@code .txt} exist; the subject is the message {@code mail.<template with / as .>.subject}
 * @param subjectArgs arguments of the subject message
 * @param headers extra headers, only those in {@link MailHeaders#ALLOWED} ({@code List-Unsubscribe},
 *     {@code List-Unsubscribe-Post}, {@code List-Id}); anything else is refused by the sender. Never null.
 * @param calendar an invite to carry, or null; see {@link #withCalendar}
 */
public record EmailRequest(
    String idempotencyKey,
    String template,
    Recipient to,
    Locale locale,
    Map<String, Object> model,
    Object[] subjectArgs,
    Map<String, String> headers,
    CalendarPart calendar) {

  public EmailRequest {
    // A copy keeps the caller's order (stable header order) and stays unmodifiable; null values are checked on send.
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A request without a calendar invite. */
  public EmailRequest(
      String idempotencyKey, String template, Recipient to, Locale locale, Map<String, Object> model,
      Object[] subjectArgs, Map<String, String> headers) {
    this(idempotencyKey, template, to, locale, model, subjectArgs, headers, null);
  }

  /** A request without extra headers (transactional mail). */
  public EmailRequest(
      String idempotencyKey, String template, Recipient to, Locale locale, Map<String, Object> model,
      Object[] subjectArgs) {
    this(idempotencyKey, template, to, locale, model, subjectArgs, Map.of());
  }

  /**
   * This request with an invite. Under one idempotency key the first invite stored is the one sent, also by a
   * retry, so a retried job sends the identical invite even when it rebuilt the ics with a new DTSTAMP.
   */
  public EmailRequest withCalendar(CalendarPart calendar) {
    return new EmailRequest(idempotencyKey, template, to, locale, model, subjectArgs, headers, calendar);
  }
}
