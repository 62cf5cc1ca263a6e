package io.escala.whatsapp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One approved WhatsApp template to one number. Everything is checked here, before anything is recorded or sent.
 *
 * @param idempotencyKey the same on every retry of the step that sends it (e.g. {@code IdempotencyKeys.of(...)})
 * @param toPhoneE164 the recipient in E.164: {@code +} and 8 to 15 digits, e.g. {@code +5215512345678}
 * @param templateName the template's name as approved in WhatsApp Manager (lower case, digits, underscores)
 * @param language the template language; mapped to WhatsApp's code ({@code es_MX}, {@code pt_BR}, {@code en_US})
 * @param bodyParameters the body's {@code {{1}}}, {@code {{2}}}, … in that order
 * @param recipientEmail the e-mail address of the number's owner, if known: kept so that erasing that person
 *     (which goes by e-mail) erases this message too; may be null
 */
public record TemplateMessage(
    String idempotencyKey,
    String toPhoneE164,
    String templateName,
    Locale language,
    List<String> bodyParameters,
    String recipientEmail) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");

  public TemplateMessage {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("A WhatsApp message needs an idempotency key");
    }
    if (idempotencyKey.length() > 1024) {
      throw new IllegalArgumentException("A WhatsApp idempotency key has at most 1024 characters");
    }
    // the number itself stays out of the message: exceptions end up in incidents and logs
    if (toPhoneE164 == null || !E164.matcher(toPhoneE164).matches()) {
      throw new IllegalArgumentException("A WhatsApp recipient must be an E.164 phone number: '+', the country code"
          + " and the number, 8 to 15 digits in all, no spaces or dashes (e.g. +5215512345678)");
    }
    if (templateName == null || !TEMPLATE_NAME.matcher(templateName).matches()) {
      throw new IllegalArgumentException("A WhatsApp template name is the name approved in WhatsApp Manager: lower-case"
          + " letters, digits and underscores, got '" + templateName + "'");
    }
    Objects.requireNonNull(language, "A WhatsApp template message needs a language");
    bodyParameters = bodyParameters == null ? List.of() : List.copyOf(bodyParameters);
    recipientEmail = recipientEmail == null || recipientEmail.isBlank()
        ? null
        : recipientEmail.strip().toLowerCase(Locale.ROOT);
  }

  /** A message whose owner's e-mail address is not known. */
  public TemplateMessage(
      String idempotencyKey, String toPhoneE164, String templateName, Locale language, List<String> bodyParameters) {
    this(idempotencyKey, toPhoneE164, templateName, language, bodyParameters, null);
  }

  /** The number as the Cloud API takes it: digits only. */
  String toDigits() {
    return toPhoneE164.substring(1);
  }
}
