package io.escala.whatsapp;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Write side of {@code whatsapp_message}, claimed the way {@code mail/MailMessageStore} claims an e-mail: a
 * conditional UPDATE decides which attempt sends, and every change commits on its own (REQUIRES_NEW), so the record of
 * a sent message survives a job transaction that rolls back afterwards.
 */
class WhatsAppMessageStore {

  /**
   * A SENDING row claimed longer ago than this belongs to an attempt that stopped mid-way; the next attempt takes it
   * over and sends again. Longer than one attempt (the timeout, at most a minute), shorter than Camunda's job lock
   * (5 min), so the job picked up again after a node died finds the lease expired.
   */
  static final Duration SENDING_LEASE = Duration.ofMinutes(2);

  private static final int MAX_ERROR_LENGTH = 2000;

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  WhatsAppMessageStore(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * @param recovered the row was SENDING by an attempt whose lease ran out: Meta may have the first copy
   * @param attempt the row's attempt count after this claim; identifies this attempt in {@link #markFailed}
   * @param wamid Meta's id, for a finished key
   */
  record Claim(long id, boolean alreadyFinished, boolean recovered, int attempt, String wamid) {}

  /** @throws WhatsAppUnavailableException when another attempt is sending this key right now */
  Claim claim(TemplateMessage message, String languageCode) {
    try {
      return ownTransaction.execute(status -> claimOnce(message, languageCode));
    } catch (DuplicateKeyException concurrentInsert) {
      // another attempt inserted the same key between our UPDATEs and INSERT: its row decides now
      return ownTransaction.execute(status -> claimOnce(message, languageCode));
    }
  }

  private Claim claimOnce(TemplateMessage message, String languageCode) {
    OffsetDateTime now = now();
    int recovered = jdbc.sql("""
            UPDATE whatsapp_message
               SET attempts = attempts + 1, claimed_at = :now, recovered_at = :now
             WHERE idempotency_key = :key AND status = 'SENDING' AND claimed_at < :staleBefore
            """)
        .param("key", message.idempotencyKey())
        .param("now", now)
        .param("staleBefore", now.minus(SENDING_LEASE))
        .update();
    int claimed = recovered == 1 ? 0 : jdbc.sql("""
            UPDATE whatsapp_message
               SET status = 'SENDING', attempts = attempts + 1, claimed_at = :now,
                   to_phone = :phone, recipient_email = :email, template = :template, language = :language
             WHERE idempotency_key = :key AND status = 'FAILED'
            """)
        .param("key", message.idempotencyKey())
        .param("now", now)
        .param("phone", message.toPhoneE164())
        .param("email", message.recipientEmail(), Types.VARCHAR)
        .param("template", message.templateName())
        .param("language", languageCode)
        .update();
    Optional<KeyState> existing = keyState(message.idempotencyKey());
    if (recovered == 1 || claimed == 1) {
      KeyState state = existing.orElseThrow();
      return new Claim(state.id(), false, recovered == 1, state.attempts(), null);
    }
    if (existing.isPresent()) {
      KeyState state = existing.get();
      if (state.status().equals("SENT")) {
        return new Claim(state.id(), true, false, state.attempts(), state.wamid());
      }
      throw new WhatsAppUnavailableException(
          "WhatsApp message " + state.id() + " is being sent by another attempt; retry later");
    }
    jdbc.sql("""
            INSERT INTO whatsapp_message (idempotency_key, to_phone, recipient_email, template, language, status,
                                          attempts, created_at, claimed_at)
            VALUES (:key, :phone, :email, :template, :language, 'SENDING', 1, :now, :now)
            """)
        .param("key", message.idempotencyKey())
        .param("phone", message.toPhoneE164())
        .param("email", message.recipientEmail(), Types.VARCHAR)
        .param("template", message.templateName())
        .param("language", languageCode)
        .param("now", now)
        .update();
    KeyState inserted = keyState(message.idempotencyKey()).orElseThrow();
    return new Claim(inserted.id(), false, false, inserted.attempts(), null);
  }

  void markSent(long id, String wamid) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            UPDATE whatsapp_message SET status = 'SENT', wamid = :wamid, sent_at = :now, claimed_at = NULL,
                                        last_error = NULL
             WHERE id = :id""")
        .param("wamid", wamid, Types.VARCHAR)
        .param("now", now())
        .param("id", id)
        .update());
  }

  /** Records a failed attempt, unless another attempt took the row over meanwhile: its outcome must stand. */
  void markFailed(Claim claim, String error) {
    String trimmed = error == null ? "unknown error" : error.strip();
    String bounded = trimmed.length() > MAX_ERROR_LENGTH ? trimmed.substring(0, MAX_ERROR_LENGTH) : trimmed;
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            UPDATE whatsapp_message SET status = 'FAILED', last_error = :error, claimed_at = NULL
             WHERE id = :id AND status = 'SENDING' AND attempts = :attempt
            """)
        .param("error", bounded)
        .param("id", claim.id())
        .param("attempt", claim.attempt())
        .update());
  }

  private record KeyState(long id, String status, int attempts, String wamid) {}

  private Optional<KeyState> keyState(String idempotencyKey) {
    return jdbc.sql("SELECT id, status, attempts, wamid FROM whatsapp_message WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query((rs, n) -> new KeyState(
            rs.getLong("id"), rs.getString("status"), rs.getInt("attempts"), rs.getString("wamid")))
        .optional();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
