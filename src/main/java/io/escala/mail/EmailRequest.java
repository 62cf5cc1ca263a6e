package io.escala.mail;

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
 */
public record EmailRequest(
    String idempotencyKey,
    String template,
    Recipient to,
    Locale locale,
    Map<String, Object> model,
    Object[] subjectArgs) {}
