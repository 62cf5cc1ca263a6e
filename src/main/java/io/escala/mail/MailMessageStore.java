package io.escala.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Write side of {@code mail_message}. Every change commits in a transaction of its own (REQUIRES_NEW): the record of
 * a delivered e-mail must survive a Camunda job transaction that rolls back afterwards, or the retry would send again.
 */
@Repository
class MailMessageStore {

  /**
   * A SENDING row claimed longer ago than this belongs to an attempt that stopped mid-way (node killed, JVM gone); the
   * next attempt takes it over and sends again with the same Message-ID. It must be
   *
   * <ul>
   *   <li>longer than one attempt: connect (10 s) + write (60 s) + read (60 s) timeouts of {@code spring.mail} = 130 s,
   *       so a live attempt waiting for a slow server is not taken over (checked at start-up, see
   *       {@link SmtpTimeouts});
   *   <li>shorter than Camunda's job lock ({@code camunda.bpm.job-execution.lock-time-in-millis}, 5 min): when a node
   *       dies, its job is picked up again after the lock and must find the lease expired, or the retry only fails
   *       with "being sent by another attempt".
   * </ul>
   *
   * Each SMTP command has its own read timeout, so a server that is slow on every command can stretch an attempt past
   * the lease; a takeover then still sends the same Message-ID.
   *
   * <p>The default; {@code escala.mail.sending-lease} changes it (e.g. for nodes with a shorter job lock), checked the
   * same way.
   */
  static final Duration SENDING_LEASE = Duration.ofMinutes(3);

  private static final int MAX_ERROR_LENGTH = 2000;

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration sendingLease;

  @Autowired
  MailMessageStore(JdbcClient jdbc, PlatformTransactionManager transactionManager,
      @Value("${escala.mail.sending-lease:PT3M}") Duration sendingLease) {
    this(jdbc, transactionManager, Clock.systemUTC(), sendingLease);
  }

  MailMessageStore(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this(jdbc, transactionManager, clock, SENDING_LEASE);
  }

  private MailMessageStore(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
      Duration sendingLease) {
    this.sendingLease = sendingLease;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  Duration sendingLease() {
    return sendingLease;
  }

  /**
   * What the caller may do with a key after {@link #claim}.
   *
   * @param recovered the key was SENDING by an attempt whose lease ran out: the server may already have the message
   * @param attempt the row's attempt count after this claim; identifies this attempt in {@link #markFailed}
   * @param calendar the invite to send: the first one stored under the key, so every attempt sends the same
   */
  record Claim(long messageId, boolean alreadyFinished, boolean recovered, int attempt, CalendarPart calendar) {

    Claim(long messageId, boolean alreadyFinished, boolean recovered, int attempt) {
      this(messageId, alreadyFinished, recovered, attempt, null);
    }

    static Claim finished(long messageId, int attempt) {
      return new Claim(messageId, true, false, attempt);
    }
  }

  /** The content to store under a key. */
  record NewEmail(
      String idempotencyKey, String template, String recipientEmail, String recipientName, String locale,
      RenderedEmail content, CalendarPart calendar) {

    NewEmail(String idempotencyKey, String template, String recipientEmail, String recipientName, String locale,
        RenderedEmail content) {
      this(idempotencyKey, template, recipientEmail, recipientName, locale, content, null);
    }
  }

  /**
   * Stores the content under its key with status {@code target} (SENDING or OUTBOX), unless the key is finished.
   *
   * @throws MailDeliveryException when another attempt is sending this key right now
   */
  Claim claim(NewEmail email, MailStatus target) {
    try {
      return ownTransaction.execute(status -> claimOnce(email, target));
    } catch (DuplicateKeyException concurrentInsert) {
      // Another attempt inserted the same key between our UPDATE and INSERT; its row decides now.
      return ownTransaction.execute(status -> claimOnce(email, target));
    }
  }

  private Claim claimOnce(NewEmail email, MailStatus target) {
    OffsetDateTime now = now();
    int attemptIncrement = target == MailStatus.SENDING ? 1 : 0;
    // A conditional UPDATE is the claim: of two concurrent attempts only one sees its row count be 1.
    // First the takeover of an attempt whose lease ran out, recorded in recovered_at ...
    int recovered = jdbc.sql("""
            UPDATE mail_message
               SET status = :target, attempts = attempts + :increment, claimed_at = :now, recovered_at = :now,
                   template = :template, recipient_email = :email, recipient_name = :name, locale = :locale,
                   subject = :subject, body_text = :text, body_html = :html,
                   calendar_method = COALESCE(calendar_method, :calendarMethod),
                   calendar_ics = COALESCE(calendar_ics, :calendarIcs)
             WHERE idempotency_key = :key AND status = 'SENDING' AND claimed_at < :staleBefore
            """)
        .param("target", target.name())
        .param("increment", attemptIncrement)
        .param("now", now)
        .param("staleBefore", now.minus(sendingLease))
        .params(contentParams(email))
        .update();
    // ... then the ordinary claim of a new or failed key.
    int claimed = recovered == 1 ? 0 : jdbc.sql("""
            UPDATE mail_message
               SET status = :target, attempts = attempts + :increment, claimed_at = :now,
                   template = :template, recipient_email = :email, recipient_name = :name, locale = :locale,
                   subject = :subject, body_text = :text, body_html = :html,
                   calendar_method = COALESCE(calendar_method, :calendarMethod),
                   calendar_ics = COALESCE(calendar_ics, :calendarIcs)
             WHERE idempotency_key = :key AND status IN ('PENDING', 'FAILED')
            """)
        .param("target", target.name())
        .param("increment", attemptIncrement)
        .param("now", now)
        .params(contentParams(email))
        .update();
    Optional<KeyState> existing = keyState(email.idempotencyKey());
    if (recovered == 1 || claimed == 1) {
      KeyState state = existing.orElseThrow();
      return new Claim(state.id(), false, recovered == 1, state.attempts(), state.calendar());
    }
    if (existing.isPresent()) {
      KeyState state = existing.get();
      if (state.status().isFinished()) {
        return Claim.finished(state.id(), state.attempts());
      }
      // Kept on purpose: the attempt holding the lease may be talking to the server right now. The job fails and
      // Camunda retries it; by then the attempt has finished, or its lease has run out.
      throw new MailDeliveryException("E-mail " + state.id() + " is being sent by another attempt; retry later");
    }
    jdbc.sql("""
            INSERT INTO mail_message (idempotency_key, template, recipient_email, recipient_name, locale, subject,
                                      body_text, body_html, calendar_method, calendar_ics, status, attempts,
                                      created_at, claimed_at)
            VALUES (:key, :template, :email, :name, :locale, :subject, :text, :html, :calendarMethod, :calendarIcs,
                    :target, :increment, :now, :now)
            """)
        .params(contentParams(email))
        .param("target", target.name())
        .param("increment", attemptIncrement)
        .param("now", now)
        .update();
    KeyState inserted = keyState(email.idempotencyKey()).orElseThrow();
    return new Claim(inserted.id(), false, false, inserted.attempts(), inserted.calendar());
  }

  void markSent(long messageId) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql(
            "UPDATE mail_message SET status = 'SENT', sent_at = :now, claimed_at = NULL WHERE id = :id")
        .param("now", now())
        .param("id", messageId)
        .update());
  }

  /**
   * Records a failed attempt, unless another attempt took the row over meanwhile (this one outlived its lease): its
   * outcome, perhaps SENT, must not be overwritten, or the next retry would send once more.
   */
  void markFailed(Claim claim, String error) {
    String trimmed = error == null ? "unknown error" : error.strip();
    String bounded = trimmed.length() > MAX_ERROR_LENGTH ? trimmed.substring(0, MAX_ERROR_LENGTH) : trimmed;
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            UPDATE mail_message SET status = 'FAILED', last_error = :error, claimed_at = NULL
             WHERE id = :id AND status = 'SENDING' AND attempts = :attempt
            """)
        .param("error", bounded)
        .param("id", claim.messageId())
        .param("attempt", claim.attempt())
        .update());
  }

  private record KeyState(long id, MailStatus status, int attempts, CalendarPart calendar) {}

  private Optional<KeyState> keyState(String idempotencyKey) {
    return jdbc.sql("SELECT id, status, attempts, calendar_method, calendar_ics FROM mail_message"
            + " WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query((rs, n) -> new KeyState(rs.getLong("id"), MailStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"), MailOutbox.calendarPart(rs)))
        .optional();
  }

  private static Map<String, Object> contentParams(NewEmail email) {
    Map<String, Object> params = new HashMap<>();
    params.put("key", email.idempotencyKey());
    params.put("template", email.template());
    params.put("email", email.recipientEmail());
    params.put("name", email.recipientName());
    params.put("locale", email.locale());
    params.put("subject", email.content().subject());
    params.put("text", email.content().bodyText());
    params.put("html", email.content().bodyHtml());
    params.put("calendarMethod", email.calendar() == null ? null : email.calendar().method());
    params.put("calendarIcs", email.calendar() == null ? null : email.calendar().ics());
    return params;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
