package io.escala.mail;

import io.escala.mail.EmailReceipt.Status;
import io.escala.mail.MailMessageStore.Claim;
import io.escala.mail.MailMessageStore.NewEmail;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EmailSender}: renders, records every e-mail in {@code mail_message}, and delivers it at most once per
 * idempotency key. Without an SMTP server (outbox mode) it only records, with status OUTBOX.
 *
 * <p>One delivery per key as long as the server's answer arrives and the SENT mark is written. Where the outcome is
 * unknown (the server took DATA but its answer was lost, or the node died before writing SENT), a retry sends again:
 * with the same Message-ID ({@link MessageIds}), so receivers that de-duplicate on it see one message. A row left
 * SENDING is only taken over after {@link MailMessageStore#SENDING_LEASE}, logged at WARN and kept in
 * {@code recovered_at}. README, "E-mail delivery guarantees".
 */
class RecordingEmailSender implements EmailSender {

  private static final Logger log = LoggerFactory.getLogger(RecordingEmailSender.class);

  private final EmailRenderer renderer;
  private final MailMessageStore store;
  private final MailOutbox outbox;
  private final Optional<SmtpDelivery> smtp;

  private RecordingEmailSender(
      EmailRenderer renderer, MailMessageStore store, MailOutbox outbox, Optional<SmtpDelivery> smtp) {
    this.renderer = renderer;
    this.store = store;
    this.outbox = outbox;
    this.smtp = smtp;
  }

  static RecordingEmailSender delivering(
      EmailRenderer renderer, MailMessageStore store, MailOutbox outbox, SmtpDelivery smtp) {
    return new RecordingEmailSender(renderer, store, outbox, Optional.of(smtp));
  }

  static RecordingEmailSender outboxOnly(EmailRenderer renderer, MailMessageStore store, MailOutbox outbox) {
    return new RecordingEmailSender(renderer, store, outbox, Optional.empty());
  }

  @Override
  public EmailReceipt send(EmailRequest request) {
    if (request == null || request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
      throw new IllegalArgumentException("An e-mail request needs an idempotency key");
    }
    // Everything the caller got wrong is refused before anything is stored.
    EmailRenderer.checkTemplateName(request.template());
    String email = MailAddress.normalizedEmail(request.to());
    String name = MailAddress.displayName(request.to());
    Locale locale = request.locale() == null ? EmailRenderer.DEFAULT_LOCALE : request.locale();
    Map<String, String> headers = MailHeaders.checked(request.headers());

    // Cheap early answer for the common retry case; claim() below decides for real.
    Optional<StoredEmail> earlier = outbox.findByIdempotencyKey(request.idempotencyKey());
    if (earlier.isPresent() && earlier.get().status().isFinished()) {
      return duplicate(earlier.get().id());
    }

    RenderedEmail content = renderer.render(request.template(), locale, request.model(), request.subjectArgs());
    NewEmail record = new NewEmail(
        request.idempotencyKey(), request.template(), email, name, locale.toLanguageTag(), content,
        request.calendar());
    Claim claim = store.claim(record, smtp.isPresent() ? MailStatus.SENDING : MailStatus.OUTBOX);
    if (claim.alreadyFinished()) {
      return duplicate(claim.messageId());
    }
    if (smtp.isEmpty()) {
      log.info("E-mail {} ({}) kept in the outbox", claim.messageId(), request.template());
      return new EmailReceipt(claim.messageId(), Status.OUTBOX);
    }
    String messageId = smtp.get().messageIdFor(request.idempotencyKey());
    if (claim.recovered()) {
      log.warn("E-mail {} ({}) was left SENDING by an attempt that stopped more than {} s ago; sending it again as"
              + " attempt {} with the same Message-ID {}, the recipient may get a copy it can discard",
          claim.messageId(), request.template(), store.sendingLease().toSeconds(), claim.attempt(),
          messageId);
    }
    try {
      smtp.get().deliver(MailAddress.of(email, name), content, headers, messageId, claim.calendar());
    } catch (Exception e) {
      store.markFailed(claim, e.toString());
      // The cause's text may quote the address; the row keeps it, the incident message does not.
      throw new MailDeliveryException("E-mail " + claim.messageId() + " could not be delivered ("
          + e.getClass().getSimpleName() + "); details at /staff/outbox/" + claim.messageId(), e);
    }
    store.markSent(claim.messageId());
    log.info("E-mail {} ({}) sent", claim.messageId(), request.template());
    return new EmailReceipt(claim.messageId(), Status.SENT);
  }

  private static EmailReceipt duplicate(long messageId) {
    log.debug("E-mail {} was already handled; nothing sent", messageId);
    return new EmailReceipt(messageId, Status.DUPLICATE);
  }
}
