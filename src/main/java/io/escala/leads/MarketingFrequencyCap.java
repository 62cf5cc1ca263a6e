package io.escala.leads;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most {@code escala.leads.nurture.weekly-marketing-cap} marketing e-mails per contact in any 7 days, across all
 * flows: every marketing send reserves a slot here first (table {@code marketing_send}).
 *
 * <p>Concurrency: two jobs for the same address could both count N-1 and both send. Each reservation therefore
 * locks the contact's row in {@code marketing_contact} ({@code SELECT ... FOR UPDATE}) before it counts, so
 * reservations for one address take turns while different addresses never wait on each other. Both H2 and
 * PostgreSQL support row locks at READ COMMITTED (the level Camunda requires), and after the wait the count sees the
 * other job's committed row. SERIALIZABLE would need retry loops on every serialization failure; a unique slot
 * number per week would not express "any 7 days".
 *
 * <p>Reservations commit in a transaction of their own, like the mail record: an e-mail that went out stays counted
 * even if the Camunda job's transaction rolls back afterwards, and the lock is held for milliseconds, not for the job.
 */
@Repository
public class MarketingFrequencyCap {

  static final Duration WINDOW = Duration.ofDays(7);

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final NurtureProperties properties;

  public MarketingFrequencyCap(
      JdbcClient jdbc, PlatformTransactionManager transactionManager, NurtureProperties properties) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
  }

  public enum Decision {
    /** A slot is taken for this key: send now. */
    RESERVED,
    /** This key already holds a slot (a retried job): send, the mail module's idempotency key prevents a duplicate. */
    ALREADY_RESERVED,
    /** The contact had the maximum number of marketing e-mails in the last 7 days: do not send now. */
    CAPPED
  }

  /**
   * Takes a slot for one marketing e-mail.
   *
   * @param email the recipient, normalized like {@link LeadKeys}
   * @param sendKey the e-mail's idempotency key (the same key the mail module gets)
   * @param now the moment of sending; sends after {@code now - 7 days} count
   */
  public Decision tryReserve(String email, String sendKey, Instant now) {
    String contact = LeadKeys.of(email);
    if (sendKey == null || sendKey.isBlank() || sendKey.length() > 1024) {
      throw new IllegalArgumentException("A marketing send needs a key of at most 1024 characters");
    }
    OffsetDateTime at = utc(now);
    ensureContactRow(contact, at);
    try {
      return ownTransaction.execute(status -> reserveLocked(contact, sendKey, at));
    } catch (DuplicateKeyException sameKeyOtherAddress) {
      // Only possible when the same key is reserved for another address at the same moment: still the same send.
      return Decision.ALREADY_RESERVED;
    }
  }

  /** Gives the slot back, for an e-mail that was finally not sent (permanent failure, consent withdrawn). */
  public void release(String sendKey) {
    ownTransaction.executeWithoutResult(status ->
        jdbc.sql("DELETE FROM marketing_send WHERE send_key = :key").param("key", sendKey).update());
  }

  /**
   * The first moment a new reservation can succeed: {@code now} when the contact is under the cap, otherwise when
   * the oldest send that keeps it at the cap leaves the 7-day window. Combine with {@link SendWindow}.
   */
  public Instant capFreesAt(String email, Instant now) {
    List<OffsetDateTime> recent = jdbc.sql("""
            SELECT sent_at FROM marketing_send WHERE email = :email AND sent_at > :since ORDER BY sent_at DESC
            """)
        .param("email", LeadKeys.of(email))
        .param("since", utc(now).minus(WINDOW))
        .query(OffsetDateTime.class)
        .list();
    int cap = properties.weeklyMarketingCap();
    if (recent.size() < cap) {
      return now;
    }
    // Of the newest `cap` sends, the oldest has to leave the window before one more fits.
    return recent.get(cap - 1).toInstant().plus(WINDOW);
  }

  /** Erasure: forgets the contact and its sends. */
  public void forget(String email) {
    String contact = LeadKeys.of(email);
    ownTransaction.executeWithoutResult(status -> {
      jdbc.sql("DELETE FROM marketing_send WHERE email = :email").param("email", contact).update();
      jdbc.sql("DELETE FROM marketing_contact WHERE email = :email").param("email", contact).update();
    });
  }

  private Decision reserveLocked(String contact, String sendKey, OffsetDateTime at) {
    jdbc.sql("SELECT email FROM marketing_contact WHERE email = :email FOR UPDATE")
        .param("email", contact)
        .query(String.class)
        .single();
    Optional<String> existing = jdbc.sql("SELECT email FROM marketing_send WHERE send_key = :key")
        .param("key", sendKey)
        .query(String.class)
        .optional();
    if (existing.isPresent()) {
      return Decision.ALREADY_RESERVED;
    }
    long recent = jdbc.sql("SELECT COUNT(*) FROM marketing_send WHERE email = :email AND sent_at > :since")
        .param("email", contact)
        .param("since", at.minus(WINDOW))
        .query(Long.class)
        .single();
    if (recent >= properties.weeklyMarketingCap()) {
      return Decision.CAPPED;
    }
    jdbc.sql("INSERT INTO marketing_send (email, send_key, sent_at) VALUES (:email, :key, :at)")
        .param("email", contact)
        .param("key", sendKey)
        .param("at", at)
        .update();
    return Decision.RESERVED;
  }

  // The lock row must exist before it can be locked; of two first-time inserts, one loses and that is fine.
  private void ensureContactRow(String contact, OffsetDateTime at) {
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM marketing_contact WHERE email = :email")
        .param("email", contact)
        .query(Long.class)
        .single() > 0;
    if (exists) {
      return;
    }
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "INSERT INTO marketing_contact (email, created_at) VALUES (:email, :at)")
          .param("email", contact)
          .param("at", at)
          .update());
    } catch (DuplicateKeyException createdByAnotherJob) {
      // The row is there, which is all we need.
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
