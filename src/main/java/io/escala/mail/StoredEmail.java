package io.escala.mail;

import java.time.OffsetDateTime;

/**
 * One row of {@code mail_message}: what was rendered, to whom, and what became of it.
 *
 * @param recipientEmail trimmed and lower-cased, as it was sent
 * @param locale language tag, e.g. {@code pt-BR}
 * @param lastError the most recent delivery failure, kept after a later success for the record
 * @param recoveredAt when an attempt took this e-mail over from one that stopped while sending (null: never); the
 *     recipient may have two copies with the same Message-ID
 * @param calendar the invite the e-mail carries (null: none)
 */
public record StoredEmail(
    long id,
    String idempotencyKey,
    String template,
    String recipientEmail,
    String recipientName,
    String locale,
    String subject,
    String bodyText,
    String bodyHtml,
    MailStatus status,
    int attempts,
    String lastError,
    OffsetDateTime createdAt,
    OffsetDateTime sentAt,
    OffsetDateTime recoveredAt,
    CalendarPart calendar) {}
