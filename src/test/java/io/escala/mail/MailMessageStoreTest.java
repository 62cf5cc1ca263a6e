package io.escala.mail;

import io.escala.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escala.mail.MailMessageStore.Claim;
import io.escala.mail.MailMessageStore.NewEmail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The claim that makes a key send at most once, on an in-memory H2 migrated by Flyway. */
class MailMessageStoreTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final MailOutbox outbox;
  private final MailMessageStore store;

  MailMessageStoreTest() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:mailtest-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    outbox = new MailOutbox(jdbc);
    store = new MailMessageStore(jdbc, new DataSourceTransactionManager(dataSource), clock);
  }

  @Test
  void whileAnAttemptIsSendingAnotherWithTheSameKeyIsToldToRetryLater() {
    NewEmail mail = mail();
    store.claim(mail, MailStatus.SENDING);

    assertThatThrownBy(() -> store.claim(mail, MailStatus.SENDING))
        .isInstanceOf(MailDeliveryException.class)
        .hasMessageContaining("another attempt");
  }

  @Test
  void anAttemptThatDiedWhileSendingIsTakenOverAfterTheLeaseAndTheTakeoverIsRecorded() {
    NewEmail mail = mail();
    Claim first = store.claim(mail, MailStatus.SENDING);
    clock.advance(MailMessageStore.SENDING_LEASE.minusSeconds(1));
    assertThatThrownBy(() -> store.claim(mail, MailStatus.SENDING)).isInstanceOf(MailDeliveryException.class);
    clock.advance(Duration.ofSeconds(2));

    Claim second = store.claim(mail, MailStatus.SENDING);

    assertThat(first).isEqualTo(new Claim(first.messageId(), false, false, 1));
    assertThat(second).isEqualTo(new Claim(first.messageId(), false, true, 2));
    StoredEmail stored = outbox.findById(first.messageId()).orElseThrow();
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(stored.recoveredAt().toInstant()).isEqualTo(clock.instant());
  }

  @Test
  void aFailedKeyClaimedAgainIsNoRecovery() {
    NewEmail mail = mail();
    Claim first = store.claim(mail, MailStatus.SENDING);
    store.markFailed(first, "java.net.SocketTimeoutException: Read timed out");

    Claim second = store.claim(mail, MailStatus.SENDING);

    assertThat(second).isEqualTo(new Claim(first.messageId(), false, false, 2));
    assertThat(outbox.findById(first.messageId()).orElseThrow().recoveredAt()).isNull();
  }

  @Test
  void anAttemptThatOutlivedItsLeaseCannotMarkTheMailFailedAfterTheTakeoverSentIt() {
    NewEmail mail = mail();
    Claim slow = store.claim(mail, MailStatus.SENDING);
    clock.advance(MailMessageStore.SENDING_LEASE.plusSeconds(1));
    Claim takeover = store.claim(mail, MailStatus.SENDING);
    store.markSent(takeover.messageId());

    store.markFailed(slow, "java.net.SocketTimeoutException: Read timed out");

    // Marked FAILED, the next retry would send a third copy.
    assertThat(outbox.findById(slow.messageId()).orElseThrow().status()).isEqualTo(MailStatus.SENT);
    assertThat(store.claim(mail, MailStatus.SENDING).alreadyFinished()).isTrue();
  }

  @Test
  void aFinishedKeyIsNeverClaimedAgain() {
    NewEmail mail = mail();
    Claim claim = store.claim(mail, MailStatus.SENDING);
    store.markSent(claim.messageId());
    clock.advance(Duration.ofDays(1));

    assertThat(store.claim(mail, MailStatus.SENDING)).isEqualTo(new Claim(claim.messageId(), true, false, 1));
    assertThat(store.claim(mail, MailStatus.OUTBOX)).isEqualTo(new Claim(claim.messageId(), true, false, 1));
    StoredEmail stored = outbox.findById(claim.messageId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(MailStatus.SENT);
    assertThat(stored.sentAt().toInstant()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(stored.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void aFailedKeyIsClaimedAgainAndKeepsItsError() {
    NewEmail mail = mail();
    Claim claim = store.claim(mail, MailStatus.SENDING);
    store.markFailed(claim, "x".repeat(5_000));

    assertThat(store.claim(mail, MailStatus.SENDING).alreadyFinished()).isFalse();
    StoredEmail stored = outbox.findById(claim.messageId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(MailStatus.SENDING);
    assertThat(stored.lastError()).hasSize(2_000);
  }

  private static NewEmail mail() {
    return new NewEmail(
        "test:" + UUID.randomUUID(), "mailtest/hello", "ana@example.test", "Ana", "es",
        new RenderedEmail("Hola", "Hola", "<p>Hola</p>"));
  }
}
